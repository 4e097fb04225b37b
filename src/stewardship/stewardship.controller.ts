import { Body, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { Access, ApiController } from '../common/request-context/access';
import type { Actor } from '../common/request-context/actor';
import { CurrentActor } from '../common/request-context/current-actor.decorator';
import { DeliveryResponse, OverviewResponse, TasksResponse, TrendResponse, toDeliveryResponse } from './dto/stewardship-responses';
import { DeliveryIdDto, LevelReviewDatesDto, PreferencesDto, TrendQueryDto } from './dto/stewardship.dto';
import { StewardshipTrigger } from './jobs/stewardship.trigger';
import { ReminderDeliveryService } from './reminder-delivery.service';
import { LevelingReport, ReviewLevelingService } from './review-leveling.service';
import { PreferencesResponse, ReviewerPreferencesService } from './reviewer-preferences.service';
import { StewardshipOverviewService } from './stewardship-overview.service';
import { StewardshipTasksService } from './stewardship-tasks.service';

@ApiController({ path: 'api/stewardship', tag: 'stewardship' })
export class StewardshipController {
  constructor(
    private readonly overviews: StewardshipOverviewService,
    private readonly taskList: StewardshipTasksService,
    private readonly preferences: ReviewerPreferencesService,
    private readonly deliveries: ReminderDeliveryService,
    private readonly trigger: StewardshipTrigger,
    private readonly leveling: ReviewLevelingService,
  ) {}

  /** Content health per department: trust score, due, overdue, escalated, editors not acting, most urgent. */
  @Get('overview')
  @ApiOperation({ summary: 'Content health overview (regie op kennismanagement)' })
  @Access('coordinator')
  overview(): Promise<OverviewResponse> {
    return this.overviews.overview();
  }

  /** The daily snapshots of a department (or of everything) between two days. */
  @Get('trend')
  @ApiOperation({ summary: 'Content health trend' })
  @Access('coordinator')
  trend(@Query() query: TrendQueryDto): Promise<TrendResponse> {
    return this.overviews.trend(query);
  }

  /** What the signed-in editor should check: their reviews that are due or overdue. */
  @Get('tasks')
  @ApiOperation({ summary: 'My reviews that are due or overdue' })
  @Access('editor')
  tasks(@CurrentActor() actor: Actor): Promise<TasksResponse> {
    return this.taskList.tasks(actor);
  }

  @Get('preferences')
  @ApiOperation({ summary: 'My reminder preferences' })
  @Access('editor')
  getPreferences(@CurrentActor() actor: Actor): Promise<PreferencesResponse> {
    return this.preferences.get(actor);
  }

  /** Per-article reminder mails or the weekly digest. */
  @Put('preferences')
  @ApiOperation({ summary: 'Set my reminder preferences' })
  @Access('editor')
  setPreferences(@CurrentActor() actor: Actor, @Body() dto: PreferencesDto): Promise<PreferencesResponse> {
    return this.preferences.set(actor, dto.reminderMail);
  }

  /** Reminders and digests that could not be delivered and need a person, newest first. */
  @Get('dead-letters')
  @ApiOperation({ summary: 'Reminder deliveries that failed' })
  @Access('coordinator')
  async deadLetters(): Promise<DeliveryResponse[]> {
    return (await this.deliveries.deadLetters()).map(toDeliveryResponse);
  }

  /** Try a dead letter again: back in the outbox with fresh attempts (202: sending happens in the background). */
  @Post('dead-letters/:id/retry')
  @ApiOperation({ summary: 'Retry a failed reminder delivery' })
  @HttpCode(202)
  @Access('coordinator')
  async retry(@Param() params: DeliveryIdDto): Promise<DeliveryResponse> {
    const delivery = toDeliveryResponse(await this.deliveries.retry(params.id));
    await this.trigger.kickDelivery();
    return delivery;
  }

  /** Spread review storms (many review dates in one week) over the weeks before them. */
  @Post('level-review-dates')
  @ApiOperation({ summary: 'Spread bunched review dates' })
  @HttpCode(200)
  @Access('coordinator')
  level(@CurrentActor() actor: Actor, @Body() dto: LevelReviewDatesDto): Promise<LevelingReport> {
    return this.leveling.level(actor, dto);
  }
}
