const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export interface LoginPageOptions {
  action: string;
  realmName: string;
  clientName: string;
  username?: string;
  failed?: boolean;
}

/** Sign-in form in German with English alongside; labelled fields, visible focus, announced errors. */
export function loginPage({ action, realmName, clientName, username = '', failed = false }: LoginPageOptions): string {
  const errorId = 'login-error';
  const describedBy = failed ? ` aria-describedby="${errorId}" aria-invalid="true"` : '';
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Anmelden – ${escapeHtml(realmName)}</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 26rem; margin: 3rem auto; padding: 0 1rem; color: #1a1a1a; }
  label { display: block; margin-top: 1rem; font-weight: 600; }
  input { display: block; width: 100%; box-sizing: border-box; font-size: 1rem; padding: .6rem; margin-top: .3rem; border: 2px solid #555; border-radius: 4px; }
  input:focus, button:focus { outline: 3px solid #0a58ca; outline-offset: 2px; }
  button { margin-top: 1.5rem; font-size: 1rem; padding: .7rem 1.4rem; background: #0a3d91; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
  [role=alert] { border-left: 4px solid #b00020; background: #fdecee; padding: .75rem; margin-top: 1rem; }
  .hint { color: #444; font-size: .9rem; }
</style>
</head>
<body>
<main>
  <h1>Anmelden <span lang="en">/ Sign in</span></h1>
  <p class="hint">${escapeHtml(clientName)} · Entwicklungs-Anmeldung <span lang="en">(development sign-in)</span></p>
  ${failed ? `<p role="alert" id="${errorId}">Benutzername oder Passwort ist falsch. <span lang="en">Invalid username or password.</span></p>` : ''}
  <form method="post" action="${escapeHtml(action)}">
    <label for="username">Benutzername <span lang="en">/ Username</span></label>
    <input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required value="${escapeHtml(username)}"${describedBy}${failed ? '' : ' autofocus'}>
    <label for="password">Passwort <span lang="en">/ Password</span></label>
    <input id="password" name="password" type="password" autocomplete="current-password" required${describedBy}${failed ? ' autofocus' : ''}>
    <button type="submit">Anmelden <span lang="en">/ Sign in</span></button>
  </form>
</main>
</body>
</html>
`;
}
