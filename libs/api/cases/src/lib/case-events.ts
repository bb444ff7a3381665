import { Injectable } from '@nestjs/common';
import type { CaseChangedEvent } from '@lantern/shared/domain';
import { Subject, type Observable } from 'rxjs';

/**
 * Domain events of committed case changes. Services publish here only after their transaction committed;
 * the realtime gateway listens. Services never touch sockets.
 */
@Injectable()
export class CaseEvents {
  private readonly subject = new Subject<CaseChangedEvent>();
  readonly changed$: Observable<CaseChangedEvent> = this.subject.asObservable();

  publish(event: CaseChangedEvent): void {
    this.subject.next(event);
  }
}
