import { Get, Param, Query, Req, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiProduces } from '@nestjs/swagger';
import type { Request } from 'express';
import { Access, ApiController } from '../common/request-context/access';
import { CatalogChangesService } from './catalog-changes.service';
import { CatalogService } from './catalog.service';
import { CatalogChangesQueryDto, CatalogListQueryDto, CatalogSlugParams } from './dto/catalog-query.dto';
import { CacheableRepresentation, PermanentRedirect } from './http/catalog-response';
import { HttpCacheInterceptor } from './http/http-cache.interceptor';
import { SamenwerkendeCatalogiService, ScReport } from './samenwerkende-catalogi/samenwerkende-catalogi.service';

/** The public productencatalogus for the municipal website and overheid.nl: read-only, cacheable. */
@ApiController({ path: 'api/catalog', tag: 'catalog', access: 'public' })
@UseInterceptors(HttpCacheInterceptor)
export class CatalogController {
  constructor(
    private readonly catalog: CatalogService,
    private readonly changeFeed: CatalogChangesService,
    private readonly samenwerkendeCatalogi: SamenwerkendeCatalogiService,
  ) {}

  @Get('products')
  @ApiOperation({ summary: 'List published products (productencatalogus)' })
  products(@Query() query: CatalogListQueryDto): Promise<CacheableRepresentation> {
    return this.catalog.list('product', query);
  }

  /** `Accept: application/ld+json` gives schema.org GovernmentService JSON-LD for the product page. */
  @Get('products/:slug')
  @ApiOperation({ summary: 'Get a published product by slug' })
  @ApiProduces('application/json', 'application/ld+json')
  product(@Param() params: CatalogSlugParams, @Req() req: Request): Promise<CacheableRepresentation | PermanentRedirect> {
    return this.catalog.item(
      'product',
      params.slug,
      req.accepts(['application/json', 'application/ld+json']) === 'application/ld+json' ? 'ld+json' : 'json',
    );
  }

  @Get('faqs')
  @ApiOperation({ summary: 'List published FAQs' })
  faqs(@Query() query: CatalogListQueryDto): Promise<CacheableRepresentation> {
    return this.catalog.list('faq', query);
  }

  @Get('faqs/:slug')
  @ApiOperation({ summary: 'Get a published FAQ by slug' })
  faq(@Param() params: CatalogSlugParams): Promise<CacheableRepresentation | PermanentRedirect> {
    return this.catalog.item('faq', params.slug);
  }

  @Get('themes')
  @ApiOperation({ summary: 'List catalogue themes' })
  themes(): Promise<CacheableRepresentation> {
    return this.catalog.terms('themes');
  }

  @Get('life-events')
  @ApiOperation({ summary: 'List life events (levensgebeurtenissen)' })
  lifeEvents(): Promise<CacheableRepresentation> {
    return this.catalog.terms('lifeEvents');
  }

  /** Upserts and tombstones since a token, for websites that keep their own copy in sync. */
  @Get('changes')
  @ApiOperation({ summary: 'Change feed of the catalogue (with tombstones)' })
  changes(@Query() query: CatalogChangesQueryDto): Promise<CacheableRepresentation> {
    return this.changeFeed.changes(query);
  }

  @Get('samenwerkende-catalogi.xml')
  @ApiOperation({ summary: 'Samenwerkende Catalogi XML feed' })
  @ApiProduces('application/xml')
  samenwerkendeCatalogiXml(): Promise<CacheableRepresentation> {
    return this.samenwerkendeCatalogi.xml();
  }

  /** Products left out of the Samenwerkende Catalogi export, and why (for the kennisregisseur). */
  @Get('samenwerkende-catalogi/report')
  @ApiOperation({ summary: 'Samenwerkende Catalogi completeness report' })
  @Access('coordinator')
  samenwerkendeCatalogiReport(): Promise<ScReport> {
    return this.samenwerkendeCatalogi.report();
  }
}
