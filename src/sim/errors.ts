// OpenAI's error envelope: { error: { message, type, param, code } }.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly type: string = "invalid_request_error",
    readonly param: string | null = null,
    readonly code: string | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
  toBody(): { error: { message: string; type: string; param: string | null; code: string | null } } {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}

export const notFound = (what: string, id: string, param: string | null = null): ApiError =>
  new ApiError(404, `No such ${what}: '${id}'.`, "invalid_request_error", param, null);
