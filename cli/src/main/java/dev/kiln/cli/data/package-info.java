/**
 * The {@code kiln data} commands over {@code /api/v1/workspaces/{workspace}/data}: data assets,
 * immutable named versions of a file or folder. {@code create} uploads a local path to the
 * workspaceblobstore first ({@link dev.kiln.cli.data.UploadPlan}: content-addressed, streamed from
 * disk), {@code download} fetches the files back, never writing outside its output folder.
 */
package dev.kiln.cli.data;
