import { EnvVariable, fail, int, str, url } from './env-parsers';

/** The municipality and its public catalogue (Samenwerkende Catalogi, KISS). */
export const catalogEnv = {
  MUNICIPALITY_NAME: { description: 'name of the municipality, as citizens know it', default: 'Lindeveen', parse: str() },
  MUNICIPALITY_OWMS_URI: {
    description: 'OWMS URI of the municipality (Samenwerkende Catalogi spatial/authority)',
    default: 'http://standaarden.overheid.nl/owms/terms/Lindeveen_(gemeente)',
    parse: url('http', 'https'),
  },
  WEBSITE_PRODUCT_URL: {
    description: "URL of a product page on the municipality's website; {slug} is replaced (Samenwerkende Catalogi identifier)",
    default: 'https://www.lindeveen.nl/producten/{slug}',
    parse: (raw: string) =>
      raw.includes('{slug}') ? url('http', 'https')(raw.replace('{slug}', 'x')) && raw : fail('must contain {slug}'),
  },
  CATALOG_MAX_AGE_SECONDS: {
    description: 'Cache-Control max-age of public catalogue answers (how long a website or CDN may reuse one unasked)',
    default: '300',
    parse: int(0, 31_536_000),
  },
  CATALOG_STALE_WHILE_REVALIDATE_SECONDS: {
    description: 'Cache-Control stale-while-revalidate of public catalogue answers',
    default: '3600',
    parse: int(0, 31_536_000),
  },
  CATALOG_MAX_PAGE_SIZE: {
    description: 'largest page of the catalogue lists, the change feed and the KISS endpoints; bigger limits are capped',
    default: '100',
    parse: int(1, 1000),
  },
} satisfies Record<string, EnvVariable<unknown>>;
