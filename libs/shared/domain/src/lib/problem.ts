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
