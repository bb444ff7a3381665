import { Module } from '@nestjs/common';
import { CaseworkController } from './casework.controller';
import { CaseworkService } from './casework.service';

@Module({ controllers: [CaseworkController], providers: [CaseworkService], exports: [CaseworkService] })
export class CaseworkModule {}
