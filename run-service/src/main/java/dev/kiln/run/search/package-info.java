/**
 * Run search in MLflow's filter grammar ({@code metrics.rmse < 1 and params.model = 'cnn'}), with
 * MLflow's order-by syntax and cursor paging. {@link dev.kiln.run.search.RunSearch} parses the
 * filter ({@code FilterParser}) and turns it into one parameterised SQL query ({@code
 * SearchQuery}); the Kiln API ({@code POST /api/v1/workspaces/{workspace}/jobs/search}) and the
 * MLflow facade both call it. Cursors carry the sort values of a page's last run (keyset paging).
 */
package dev.kiln.run.search;
