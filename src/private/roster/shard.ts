import { NestedStack, NestedStackProps } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { keepAddedDependencies, WrittenDependsOn } from '../pacing';
import { templateQuotaWarning } from '../rules/quotas';
import { warnTemplateQuota } from '../stack-quotas';

/**
 * A roster's nested stack, which renders its template once per synth instead of twice.
 *
 * CDK renders a nested stack's template twice in `app.synth()`: in `prepareApp`, where
 * `NestedStack._prepareTemplateAsset()` resolves it (`_toCloudFormation()`) to hash it for the
 * template asset, and again in `synthesizeTree`, where `Stack._synthesizeTemplate()` resolves it to
 * write the file. A top-level stack is rendered once. Nothing may change a nested template between
 * the two renderings (the asset's hash, hence its S3 key, comes from the first; the file from the
 * second), so the shard keeps the first rendering and hands it to the writer, once.
 */
export class RosterShard extends NestedStack {
  /**
   * The agents' `DependsOn` written as text (creation pacing), completed when the template renders.
   *
   * @internal
   */
  public readonly _writtenDependsOn: WrittenDependsOn = new Map();
  /**
   * The dynamic references of the agents' passwords, as the roster's layout counted them.
   *
   * @internal
   */
  public _dynamicReferences = 0;
  private preparing = false;
  private prepared: unknown = undefined;

  constructor(scope: Construct, id: string, props?: NestedStackProps) {
    super(scope, id, props);
  }

  /**
   * Leaves CDK's version-reporting resource (`CDKMetadata`, `AWS::CDK::Metadata`, which the cdk CLI
   * asks every stack for, nested ones included) out of this shard. A shard that holds adopted agents
   * is imported as a stack of its own (`cdk-connect-user import-roster`) from its published template,
   * and an import creates no resource: CloudFormation refuses a template that holds one to create
   * (user guide, "Considerations during an import operation"; evidence: documented, and the cdk CLI's
   * own `cdk import` deletes `CDKMetadata` from the template it imports for that reason). NestedStack
   * takes no `analyticsReporting` prop, so this sets the field `Stack` reads it into; were it renamed
   * in a later aws-cdk-lib, the resource would come back and import-roster would name it.
   */
  public withoutVersionReporting(): void {
    (this as unknown as { _versionReportingEnabled: boolean })._versionReportingEnabled = false;
  }

  /** @internal */
  public _prepareTemplateAsset(): boolean {
    this.preparing = true;
    try {
      return super._prepareTemplateAsset();
    } finally {
      this.preparing = false;
    }
  }

  /** @internal */
  protected _toCloudFormation(): any {
    keepAddedDependencies(this._writtenDependsOn);
    if (this.preparing) {
      this.prepared = super._toCloudFormation();
      // The rendered template against the quotas per template: its resources and outputs (the parent's references add
      // outputs after the layout) and the dynamic references the layout counted. No second JSON rendering of the
      // template for its size or its `{{resolve:}}` strings: aws-cdk-lib warns of a template over 1 MB itself
      // (`@aws-cdk/core:Stack.templateSize`) and refuses one over 500 resources.
      const template = this.prepared as { Resources?: object; Outputs?: object };
      const warning = templateQuotaWarning(`the shard '${this.node.path}'`, {
        resources: Object.keys(template.Resources ?? {}).length,
        outputs: Object.keys(template.Outputs ?? {}).length,
        dynamicReferences: this._dynamicReferences,
      });
      if (warning !== undefined) warnTemplateQuota(this, `${warning}; for a roster: raise shardCount`);
      return this.prepared;
    }
    const template = this.prepared;
    if (template !== undefined) {
      // Once: the writer is its only reader; a later synth renders afresh.
      this.prepared = undefined;
      return template;
    }
    return super._toCloudFormation();
  }
}
