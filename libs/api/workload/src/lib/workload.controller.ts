import { Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Allow, CurrentUserParam, type AuthUser } from '@lantern/api/auth';
import { IdParam, ValidBody } from '@lantern/api/core';
import {
  AVAILABILITY_REQUEST,
  ROTA_REQUEST,
  type Availability,
  type AvailabilityRequest,
  type BalanceResult,
  type Rota,
  type RotaRequest,
  type UnassignedQueue,
  type WorkloadRow,
} from '@lantern/shared/domain';
import { WorkloadService } from './workload.service';

@ApiTags('workload')
@Controller('v1')
export class WorkloadController {
  constructor(private readonly workload: WorkloadService) {}

  /** Team leads: per caseworker `{userId, onShift, openCases, weightedLoad, breaches, …}` (contracts/API.md). */
  @Get('workload')
  @Allow('team.manage')
  board(@CurrentUserParam() user: AuthUser): Promise<WorkloadRow[]> {
    return this.workload.board(user);
  }

  /** Team leads: the unassigned queue by grade and age, most urgent first. */
  @Get('workload/unassigned')
  @Allow('team.manage')
  unassigned(@CurrentUserParam() user: AuthUser): Promise<UnassignedQueue> {
    return this.workload.unassigned(user);
  }

  /**
   * Team leads: a suggested balance, explained; apply each with POST /cases/:id/assign. `unplaced` lists the 50 most
   * urgent cases that found no one, `unplacedTotal` counts every case that did.
   */
  @Get('workload/suggestions')
  @Allow('team.manage')
  suggestions(@CurrentUserParam() user: AuthUser): Promise<BalanceResult & { cap: number }> {
    return this.workload.suggestions(user);
  }

  /** My status and whether I am on shift now. */
  @Get('users/me/availability')
  @Allow('availability.set')
  me(@CurrentUserParam() user: AuthUser): Promise<{ availability: Availability; onShift: boolean; rota: Rota | null }> {
    return this.workload.me(user);
  }

  /** {availability: available | busy | away}: a caseworker sets their own status. */
  @Put('users/me/availability')
  @Allow('availability.set')
  setAvailability(
    @CurrentUserParam() user: AuthUser,
    @ValidBody(AVAILABILITY_REQUEST) body: AvailabilityRequest,
  ): Promise<{ availability: Availability }> {
    return this.workload.setAvailability(user, body);
  }

  /** {rota: {mon: {open, close} | null, …} | null}: a caseworker's weekly rota, within the hub's staffed hours. */
  @Put('users/:id/rota')
  @Allow('rota.edit')
  setRota(
    @CurrentUserParam() user: AuthUser,
    @IdParam('id', 'No such user.') id: string,
    @ValidBody(ROTA_REQUEST) body: RotaRequest,
  ): Promise<{ userId: string; rota: Rota | null }> {
    return this.workload.setRota(user, id, body);
  }
}
