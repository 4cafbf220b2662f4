// Shapes shared by the worksheet loaders and the browser components.
export interface WorksheetItemView {
  id: string
  plan_id: string
  kind: string
  ref: string
  position: number
  data: Record<string, unknown>
  version: number
  updated_at: Date | string
  /** Who saved this version (absent where a view does not need it). */
  updated_by_name?: string | null
}

export interface LinkOption {
  id: string
  ref: string
  label: string
}
