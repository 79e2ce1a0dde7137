// A refusal of any counter workflow: an answer for the clerk (an error code and its detail), not a
// fault of the app. The core's router turns it into an error Result. Issuance defined it first.
export { IssuanceRefusal as WorkflowRefusal } from './issuance/state';
