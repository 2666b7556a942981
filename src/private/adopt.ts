/** The template metadata key that marks an adopted user for the import-mapping command. */
export const ADOPT_METADATA_KEY = 'cdk-connect-user:adopt';

/** What an adopted user's metadata says. */
export interface AdoptMetadata {
  readonly username: string;
  readonly instanceArn: string;
  readonly userArn?: string;
}
