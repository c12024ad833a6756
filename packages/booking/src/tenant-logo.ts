import { imageSize } from 'image-size';
import { MAX_LOGO_BYTES, type TenantLogoUpload, type TenantPortal } from '@termin/contracts';
import type { Db } from '@termin/db';
import { NotFoundError, type FieldError } from '@termin/domain';

/** Where the citizen portal and the admin screen load a tenant's logo; the version makes caches let go after a save. */
export const logoPath = (slug: string, version: number) => `/api/v1/tenants/${encodeURIComponent(slug)}/logo?v=${version}`;

/**
 * The uploaded bytes must be the image type they claim, a raster image of sensible size: the
 * content type the browser sent is not trusted.
 */
export function logoErrors(upload: TenantLogoUpload): { errors: FieldError[]; bytes: Buffer } {
  const bytes = Buffer.from(upload.base64, 'base64');
  if (bytes.length === 0) return { errors: [{ field: 'logo', code: 'logo_not_an_image' }], bytes };
  if (bytes.length > MAX_LOGO_BYTES) return { errors: [{ field: 'logo', code: 'logo_too_large', params: { maxKb: MAX_LOGO_BYTES / 1024 } }], bytes };
  let type: string | undefined;
  let width = 0;
  let height = 0;
  try {
    const size = imageSize(bytes);
    type = size.type;
    width = size.width;
    height = size.height;
  } catch {
    return { errors: [{ field: 'logo', code: 'logo_not_an_image' }], bytes };
  }
  const expected = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' }[upload.contentType];
  if (type !== expected) return { errors: [{ field: 'logo', code: 'logo_not_an_image' }], bytes };
  if (width < 16 || height < 16 || width > 4000 || height > 4000) return { errors: [{ field: 'logo', code: 'logo_dimensions' }], bytes };
  return { errors: [], bytes };
}

/** What the citizen portal shows of its municipality: name, branding and legal texts. */
export async function tenantPortal(db: Db, tenantSlug: string): Promise<TenantPortal> {
  const t = await db.tenant.findUnique({
    where: { slug: tenantSlug },
    select: {
      slug: true,
      name: true,
      primaryColor: true,
      logoContentType: true,
      version: true,
      imprintDe: true,
      imprintEn: true,
      privacyDe: true,
      privacyEn: true,
      accessibilityDe: true,
      accessibilityEn: true,
      accessibilityContactEmail: true,
      accessibilityContactAddress: true,
    },
  });
  if (!t) throw new NotFoundError('tenant_not_found');
  return {
    name: t.name,
    primaryColor: t.primaryColor,
    logoUrl: t.logoContentType ? logoPath(t.slug, t.version) : null,
    legal: {
      imprint: { de: t.imprintDe, en: t.imprintEn },
      privacy: { de: t.privacyDe, en: t.privacyEn },
      accessibility: { de: t.accessibilityDe, en: t.accessibilityEn },
      accessibilityContactEmail: t.accessibilityContactEmail,
      accessibilityContactAddress: t.accessibilityContactAddress,
    },
  };
}

/** The tenant's logo image, or 404 when it has none. */
export async function tenantLogo(db: Db, tenantSlug: string): Promise<{ bytes: Uint8Array; contentType: string }> {
  const t = await db.tenant.findUnique({ where: { slug: tenantSlug }, select: { logo: true, logoContentType: true } });
  if (!t) throw new NotFoundError('tenant_not_found');
  if (!t.logo || !t.logoContentType) throw new NotFoundError('logo_not_found');
  return { bytes: t.logo, contentType: t.logoContentType };
}
