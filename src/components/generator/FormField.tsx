import { useId } from 'react'

interface Props {
  readonly label: string
  readonly value: string
  readonly error: string | undefined
  onChange(text: string): void
  readonly inputMode?: 'numeric' | 'decimal'
  readonly className?: string
}

/**
 * A labelled text box with its problem right below it. The text is kept as typed (a draft);
 * the message sits outside the label so it does not become part of the field's name.
 */
export function FormField({ label, value, error, onChange, inputMode = 'decimal', className }: Props) {
  const id = useId()
  return (
    <div className={`gen-field${className === undefined ? '' : ` ${className}`}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        inputMode={inputMode}
        autoComplete="off"
        aria-invalid={error !== undefined}
        aria-describedby={error === undefined ? undefined : `${id}-error`}
        onChange={(e) => onChange(e.target.value)}
      />
      {error !== undefined && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  )
}
