/** RFC 9457 problem details, as every API error is sent. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  instance?: string;
  errors?: FieldError[];
}

export interface FieldError {
  /** JSON Pointer to the failing field, e.g. /victim/dateOfBirth */
  path: string;
  message: string;
}

/**
 * The `detail` of a validation problem that says nothing but "look at `errors`": the API's default, which the workbench
 * replaces with the failing fields themselves (a detail of its own, such as how to save a CSV, is shown as sent).
 */
export const GENERIC_VALIDATION_DETAIL = 'The request failed validation; see errors.';
