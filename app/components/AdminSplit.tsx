import { type ReactNode } from 'react'

/**
 * An administration page: a card with the form that adds an entry, beside the table of entries.
 * `columns` are the header cells; `children` the table rows.
 */
export function AdminSplit(props: {
  id: string
  title: string
  formHeading: string
  form: ReactNode
  columns: string[]
  children: ReactNode
}) {
  const { id, title, formHeading, form, columns, children } = props
  return (
    <div className="admin-grid">
      <title>{title}</title>
      <section aria-labelledby={`${id}-form-heading`} className="card">
        <h2 id={`${id}-form-heading`}>{formHeading}</h2>
        {form}
      </section>
      <section aria-labelledby={`${id}-heading`}>
        <h2 id={`${id}-heading`}>{title}</h2>
        <div className="table-wrap">
          <table className="data-table">
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>{children}</tbody>
          </table>
        </div>
      </section>
    </div>
  )
}
