import { Fragment } from 'react'

/**
 * The column names a file to import must have, as they are written in the file: code to type, not
 * words to translate, so they are marked as code (and read apart from the sentence around them).
 */
export function ColumnNames({ names }: { names: readonly string[] }) {
  return (
    <>
      {names.map((name, i) => (
        <Fragment key={name}>
          {i > 0 ? ', ' : null}
          <code>{name}</code>
        </Fragment>
      ))}
    </>
  )
}
