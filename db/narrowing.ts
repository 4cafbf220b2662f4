import { type InsertType, type SelectType, type UpdateType } from 'kysely'

// How db/types.ts narrows the generated schema (db/schema.generated.ts) without leaving it (ADR 041).
// A narrowing may only promise less than the database allows, so a migration that changes a
// narrowed column (type, nullability, default, name) breaks `npx tsc -p .` at the narrowing.

/** `Table` with some columns' types replaced by narrower ones; each replacement must fit its column. */
export type Narrowed<Table, Narrowing extends FitsColumns<Table, Narrowing>> = {
  [Column in keyof Table]: Column extends keyof Narrowing ? Narrowing[Column] : Table[Column]
}

/** `Database` with some tables replaced by their narrowed versions (their columns are checked by `Narrowed`). */
export type WithTables<
  Database,
  Tables extends {
    [Name in keyof Tables]: Name extends keyof Database ? Record<keyof Database[Name], unknown> : never
  },
> = {
  [Name in keyof Database]: Name extends keyof Tables ? Tables[Name] : Database[Name]
}

type FitsColumns<Table, Narrowing> = {
  [Column in keyof Narrowing]: Column extends keyof Table ? Fits<Narrowing[Column], Table[Column]> : never
}

/**
 * `Narrow` if it fits `Wide`: it selects a subset of what the column holds (JSON, read as unknown,
 * may be given its shape), keeps null if the column is nullable, and inserts and updates only
 * what the column accepts (Kysely lets a nullable column be left out of an insert, and any
 * column out of an update).
 */
type Fits<Narrow, Wide> =
  And<
    SelectsWithin<SelectType<Narrow>, SelectType<Wide>>,
    KeepsNull<SelectType<Narrow>, InsertType<Wide>>,
    Within<InsertType<Narrow>, InsertType<Wide> | (null extends InsertType<Wide> ? undefined : never)>,
    Within<Exclude<UpdateType<Narrow>, undefined>, UpdateType<Wide>>
  > extends true
    ? Narrow
    : never

type Within<A, B> = [A] extends [B] ? true : false
type SelectsWithin<Narrow, Wide> = unknown extends Wide ? true : Within<Narrow, Wide>
// A column is nullable when null may be inserted (the select type of JSON, unknown, cannot tell).
type KeepsNull<NarrowSelect, WideInsert> = null extends WideInsert ? Within<null, NarrowSelect> : true
type And<A, B, C, D> = [A, B, C, D] extends [true, true, true, true] ? true : false
