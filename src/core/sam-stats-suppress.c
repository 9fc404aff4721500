/* sam-stats-suppress.c: small-cell suppression (DESIGN §6)
 *
 * A table with its totals is a set of linear equations: each row, and each
 * column, sums to its total. Seen as a graph, every line (a row or a
 * column, margins included) is a vertex and every entry an edge between
 * the two lines it belongs to. A withheld entry can be worked out from the
 * published ones exactly when it is a bridge of the graph of withheld
 * entries: when no cycle of withheld entries runs through it, the
 * equations pin it down; on a cycle, adding t to every other entry of the
 * cycle and subtracting it from the others keeps every sum. So secondary
 * suppression adds entries until no withheld entry is a bridge. In a line
 * with exactly one withheld entry that entry is a bridge, so the classic
 * rule "never one withheld cell in a line" follows, and so do the
 * combinations of several lines that the classic rule misses.
 *
 * docs/statistics.md describes the method and its limits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-stats"

#include "config.h"

#include "sam-stats-private.h"

typedef struct
{
  guint   index;   /* into the grid */
  guint   a;       /* the two lines it belongs to, as vertices */
  guint   b;
  gint64  value;
  gboolean margin;
} Edge;

SamStatsGrid *
_sam_stats_grid_new (guint    n_rows,
                     guint    n_columns,
                     gboolean row_totals)
{
  SamStatsGrid *grid = g_new0 (SamStatsGrid, 1);
  gsize size = (gsize) (n_rows + 1) * (n_columns + 1);

  grid->n_rows = n_rows;
  grid->n_columns = n_columns;
  grid->row_totals = row_totals;
  grid->values = g_new0 (gint64, size);
  grid->suppressed = g_new0 (gboolean, size);

  return grid;
}

void
_sam_stats_grid_free (SamStatsGrid *grid)
{
  if (grid == NULL)
    return;

  g_free (grid->values);
  g_free (grid->suppressed);
  g_free (grid);
}

gint64 *
_sam_stats_grid_value (SamStatsGrid *grid,
                       guint         row,
                       guint         column)
{
  g_assert (row <= grid->n_rows && column <= grid->n_columns);

  return &grid->values[(gsize) row * (grid->n_columns + 1) + column];
}

gboolean *
_sam_stats_grid_suppressed (SamStatsGrid *grid,
                            guint         row,
                            guint         column)
{
  g_assert (row <= grid->n_rows && column <= grid->n_columns);

  return &grid->suppressed[(gsize) row * (grid->n_columns + 1) + column];
}

/* Whether the entry exists: without row totals, the last column does not. */
gboolean
_sam_stats_grid_is_used (SamStatsGrid *grid,
                         guint         row,
                         guint         column)
{
  return grid->row_totals || column < grid->n_columns;
}

/* Fills the margins from the body, so that every total is its line's sum. */
void
_sam_stats_grid_sum_margins (SamStatsGrid *grid)
{
  guint R = grid->n_rows, C = grid->n_columns;

  for (guint r = 0; r <= R; r++)
    *_sam_stats_grid_value (grid, r, C) = 0;
  for (guint c = 0; c <= C; c++)
    *_sam_stats_grid_value (grid, R, c) = 0;

  for (guint r = 0; r < R; r++)
    for (guint c = 0; c < C; c++)
      {
        gint64 v = *_sam_stats_grid_value (grid, r, c);

        *_sam_stats_grid_value (grid, r, C) += v;
        *_sam_stats_grid_value (grid, R, c) += v;
        *_sam_stats_grid_value (grid, R, C) += v;
      }
}

/* The vertices: rows 0..R (R being the line of column totals), then
 * columns R+1..R+1+C (the last being the line of row totals). Without row
 * totals, a body cell belongs to its column only; hanging every such cell
 * on the column-totals vertex makes its column the one equation it is in. */
static GArray *
collect_edges (SamStatsGrid *grid)
{
  guint R = grid->n_rows, C = grid->n_columns;
  GArray *edges = g_array_new (FALSE, FALSE, sizeof (Edge));

  for (guint r = 0; r <= R; r++)
    for (guint c = 0; c <= C; c++)
      {
        Edge edge;

        if (!_sam_stats_grid_is_used (grid, r, c))
          continue;

        edge.index = r * (C + 1) + c;
        edge.a = grid->row_totals ? r : R;
        edge.b = R + 1 + c;
        edge.value = grid->values[edge.index];
        edge.margin = r == R || c == C;
        g_array_append_val (edges, edge);
      }

  return edges;
}

static guint
find_root (guint *parent,
           guint  v)
{
  while (parent[v] != v)
    v = parent[v] = parent[parent[v]];

  return v;
}

/* Components of the withheld entries other than @skip. */
static void
join_withheld (SamStatsGrid *grid,
               GArray       *edges,
               guint         skip,
               guint        *parent,
               guint         n_vertices)
{
  for (guint v = 0; v < n_vertices; v++)
    parent[v] = v;

  for (guint i = 0; i < edges->len; i++)
    {
      Edge *e = &g_array_index (edges, Edge, i);

      if (i != skip && grid->suppressed[e->index])
        parent[find_root (parent, e->a)] = find_root (parent, e->b);
    }
}

/* What giving up a published entry costs: a withheld entry nothing, a
 * zero dearly (a withheld zero next to other small numbers can be pinned
 * down by the fact that no count is negative), a total more than any cell
 * of the body, and otherwise its value, so that as little as possible is
 * lost. */
static gint64
edge_cost (SamStatsGrid *grid,
           const Edge   *e)
{
  if (grid->suppressed[e->index])
    return 0;

  return e->value + (e->margin ? G_GINT64_CONSTANT (1) << 24 : 0) +
         (e->value == 0 ? G_GINT64_CONSTANT (1) << 40 : 0);
}

/* The cheapest path from @from to @to that does not use edge @skip, by
 * Dijkstra over the few lines of a table; withholds every entry on it. */
static void
withhold_cheapest_path (SamStatsGrid *grid,
                        GArray       *edges,
                        guint         skip,
                        guint         from,
                        guint         to,
                        guint         n_vertices)
{
  g_autofree gint64 *distance = g_new (gint64, n_vertices);
  g_autofree guint *via = g_new (guint, n_vertices);
  g_autofree gboolean *done = g_new0 (gboolean, n_vertices);

  for (guint v = 0; v < n_vertices; v++)
    {
      distance[v] = G_MAXINT64;
      via[v] = G_MAXUINT;
    }
  distance[from] = 0;

  for (;;)
    {
      guint u = G_MAXUINT;

      for (guint v = 0; v < n_vertices; v++)
        if (!done[v] && distance[v] != G_MAXINT64 && (u == G_MAXUINT || distance[v] < distance[u]))
          u = v;
      if (u == G_MAXUINT || u == to)
        break;
      done[u] = TRUE;

      for (guint i = 0; i < edges->len; i++)
        {
          Edge *e = &g_array_index (edges, Edge, i);
          guint w = e->a == u ? e->b : e->b == u ? e->a : G_MAXUINT;

          if (i == skip || w == G_MAXUINT || done[w])
            continue;
          if (distance[u] + edge_cost (grid, e) < distance[w])
            {
              distance[w] = distance[u] + edge_cost (grid, e);
              via[w] = i;
            }
        }
    }

  /* Every line holds its own total, so a second path always exists. */
  g_assert (distance[to] != G_MAXINT64);
  for (guint v = to; v != from;)
    {
      Edge *e = &g_array_index (edges, Edge, via[v]);

      grid->suppressed[e->index] = TRUE;
      v = e->a == v ? e->b : e->a;
    }
}

/* One round: finds a withheld entry that the equations pin down and
 * withholds the cheapest entries that put it on a cycle. */
static gboolean
protect_one_bridge (SamStatsGrid *grid,
                    GArray       *edges,
                    guint        *parent,
                    guint         n_vertices)
{
  for (guint i = 0; i < edges->len; i++)
    {
      Edge *e = &g_array_index (edges, Edge, i);

      if (!grid->suppressed[e->index])
        continue;

      join_withheld (grid, edges, i, parent, n_vertices);
      if (find_root (parent, e->a) == find_root (parent, e->b))
        continue;

      withhold_cheapest_path (grid, edges, i, e->a, e->b, n_vertices);
      return TRUE;
    }

  return FALSE;
}

/**
 * _sam_stats_suppress:
 * @grid: a table with its margins summed
 * @k: the smallest count that may be published
 *
 * Withholds every entry from 1 to @k − 1 (primary suppression), then more
 * entries until none of the withheld ones can be worked out from the
 * published entries and the totals (secondary suppression). Entries
 * already flagged stay withheld.
 */
void
_sam_stats_suppress (SamStatsGrid *grid,
                     guint         k)
{
  g_autoptr(GArray) edges = NULL;
  g_autofree guint *parent = NULL;
  guint n_vertices = grid->n_rows + grid->n_columns + 2;

  g_return_if_fail (k >= 1);

  edges = collect_edges (grid);
  parent = g_new (guint, n_vertices);

  for (guint i = 0; i < edges->len; i++)
    {
      Edge *e = &g_array_index (edges, Edge, i);

      if (e->value >= 1 && e->value < (gint64) k)
        grid->suppressed[e->index] = TRUE;
    }

  while (protect_one_bridge (grid, edges, parent, n_vertices))
    ;
}

/**
 * _sam_stats_extension_discloses:
 * @outside: an entry's count in each period beyond one end of a range,
 *   the nearest first
 * @n_periods: how many
 * @k: the smallest count that may be published
 *
 * Whether a summary whose range reaches one or more periods further at
 * that end would count 1 to @k − 1 more units in this entry, and so give
 * them away by difference.
 *
 * Returns: %TRUE when the entry must be withheld
 */
gboolean
_sam_stats_extension_discloses (const gint64 *outside,
                                guint         n_periods,
                                guint         k)
{
  gint64 added = 0;

  for (guint m = 0; m < n_periods; m++)
    {
      added += outside[m];
      if (added >= 1 && added < (gint64) k)
        return TRUE;
    }

  return FALSE;
}
