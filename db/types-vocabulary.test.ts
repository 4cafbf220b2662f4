// db/types.ts spells the vocabulary's unions again for Kysely's table types. This file fails the
// typecheck (tsc runs over tests) as soon as one of them drifts from core/vocabulary.ts (ADR 042).
import { expectTypeOf, it } from 'vitest'
import type * as Vocabulary from '#core/vocabulary.ts'
import type * as Tables from './types.ts'

it('declares the same plan statuses, scopes, locales, constituencies and roles as the vocabulary', () => {
  expectTypeOf<Tables.PlanStatus>().toEqualTypeOf<Vocabulary.PlanStatus>()
  expectTypeOf<Tables.PlanScope>().toEqualTypeOf<Vocabulary.PlanScope>()
  expectTypeOf<Tables.Locale>().toEqualTypeOf<Vocabulary.Locale>()
  expectTypeOf<Tables.Constituency>().toEqualTypeOf<Vocabulary.Constituency>()
  expectTypeOf<Tables.GlobalRole>().toEqualTypeOf<Vocabulary.GlobalRole>()
  expectTypeOf<Tables.PlanRole>().toEqualTypeOf<Vocabulary.PlanRole>()
})
