// The package ships no type declarations; these cover the part of its API this package uses.
declare module "@pactflow/swagger-mock-validator" {
  export interface ValidationFinding {
    code: string;
    message: string;
    type: "error" | "warning";
    source: string;
    mockDetails?: {
      interactionDescription?: string | null;
      interactionState?: string | null;
      location: string;
      mockFile: string;
      value: unknown;
    };
    specDetails?: {
      location: string;
      pathMethod?: string | null;
      pathName?: string | null;
      specFile: string;
      value: unknown;
    };
  }
  export interface ValidationOutcome {
    success: boolean;
    failureReason?: string;
    errors: ValidationFinding[];
    warnings: ValidationFinding[];
  }
  export interface ValidateOptions {
    specPathOrUrl: string;
    mockPathOrUrl: string;
    /** "true" or "false" as text, as the CLI passes them. */
    additionalPropertiesInResponse?: string;
    requiredPropertiesInResponse?: string;
  }
  export const SwaggerMockValidatorFactory: {
    create(auth?: string): { validate(options: ValidateOptions): Promise<ValidationOutcome> };
  };
}
