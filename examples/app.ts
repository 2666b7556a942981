/**
 * The example app, checked by cdk-nag's AwsSolutions pack.
 *
 * Synthesize and lint it with `npm run example`.
 */
import { App, Aspects } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addExampleStacks } from './stacks';

const app = new App();
addExampleStacks(app);
Aspects.of(app).add(new AwsSolutionsChecks());
app.synth();
