/* sam-plan-print.c: a case's plan on paper or as PDF, in Swedish for the family
 *
 * The plan is handed to the young person and their guardians, so it is
 * always in Swedish, whatever language the user runs the app in, and in
 * plain words: what we want to reach, how we will know, what will be done,
 * by whom and by when. That is why the strings below are deliberately not
 * marked for translation; interventions use the catalogue's Swedish labels
 * (SamCatalogueEntry.label_sv), never the user's language.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-plan-print"

#include "config.h"

#include "sam-plan-print.h"

#include <glib/gi18n.h>

#include "sam-export-warning.h"

/* The family's document: Swedish, not translated (see above). Formats are
 * macros, so that the compiler checks their arguments. */
#define SV_SUBTITLE "Åtagandeplan för ärende %s"
#define SV_GOAL     "Mål %u"

static const struct
{
  const char *title;
  const char *printed;
  const char *goals;
  const char *no_goals;
  const char *indicator;
  const char *actions;
  const char *no_actions;
  const char *responsible;
  const char *intervention;
  const char *evidence;
  const char *starts;
  const char *due;
  const char *status;
  const char *for_goal;
  const char *good_to_know;
  const char *about_evidence;
} sv = {
  .title = "Vår plan",
  .printed = "Utskriven",
  .goals = "Det här vill vi uppnå",
  .no_goals = "Planen har inga mål ännu.",
  .indicator = "Så vet vi att målet är nått",
  .actions = "Det här ska göras",
  .no_actions = "Inga insatser är bestämda ännu.",
  .responsible = "Ansvarig",
  .intervention = "Typ av insats",
  .evidence = "Evidensnivå",
  .starts = "Börjar",
  .due = "Klart senast",
  .status = "Läge",
  .for_goal = "Hör till",
  .good_to_know = "Bra att veta",
  .about_evidence = "Evidensnivån säger hur väl forskningen visar att en insats hjälper: "
                    "etablerad (visat i flera studier), lovande (visat i några studier) "
                    "eller osäker (inte tillräckligt undersökt ännu).",
};

static const char * const status_sv[SAM_N_PLAN_ACTION_STATUSES] = {
  [SAM_PLAN_ACTION_PLANNED] = "Planerad",
  [SAM_PLAN_ACTION_ONGOING] = "Pågår",
  [SAM_PLAN_ACTION_DONE] = "Klar",
  [SAM_PLAN_ACTION_CANCELLED] = "Avbruten",
};

static const char * const evidence_sv[SAM_N_EVIDENCE_LEVELS] = {
  [SAM_EVIDENCE_LEVEL_NONE] = NULL,
  [SAM_EVIDENCE_LEVEL_ESTABLISHED] = "Etablerad",
  [SAM_EVIDENCE_LEVEL_PROMISING] = "Lovande",
  [SAM_EVIDENCE_LEVEL_UNCERTAIN] = "Osäker",
};

static const char *
intervention_sv (const SamPlanAction *action)
{
  const SamCatalogueEntry *entry = sam_catalogue_lookup (SAM_CATALOGUE_KIND_INTERVENTION,
                                                         action->intervention_code);

  return entry != NULL ? entry->label_sv : action->intervention_code;
}

static char *
responsible_of (const SamPlanAction *action)
{
  if (action->responsible_user_name == NULL)
    return g_strdup (action->responsible_agency_name);

  return g_strdup_printf ("%s, %s", action->responsible_user_name, action->responsible_agency_name);
}

/* The goal's number in the printout, 1 for the first; 0 for none or for a
 * goal hidden from this viewer. */
static guint
goal_number (const SamPlan *plan,
             gint64         goal_id)
{
  for (guint i = 0; goal_id != 0 && i < plan->goals->len; i++)
    {
      if (((SamPlanGoal *) g_ptr_array_index (plan->goals, i))->id == goal_id)
        return i + 1;
    }

  return 0;
}

static void
add_goals (SamPrintDocument *document,
           const SamPlan    *plan)
{
  sam_print_document_add_heading (document, sv.goals);
  if (plan->goals->len == 0)
    sam_print_document_add_paragraph (document, sv.no_goals);

  for (guint i = 0; i < plan->goals->len; i++)
    {
      const SamPlanGoal *goal = g_ptr_array_index (plan->goals, i);
      g_autofree char *label = g_strdup_printf (SV_GOAL, i + 1);

      sam_print_document_add_field (document, label, goal->description);
      sam_print_document_add_field (document, sv.indicator, goal->indicator);
    }
}

static void
add_action (SamPrintDocument    *document,
            const SamPlan       *plan,
            const SamPlanAction *action)
{
  g_autofree char *responsible = responsible_of (action);
  guint goal = goal_number (plan, action->goal_id);

  sam_print_document_add_subheading (document, action->description);
  if (goal > 0)
    {
      g_autofree char *goal_label = g_strdup_printf (SV_GOAL, goal);

      sam_print_document_add_field (document, sv.for_goal, goal_label);
    }
  sam_print_document_add_field (document, sv.responsible, responsible);
  sam_print_document_add_field (document, sv.intervention, intervention_sv (action));
  if (evidence_sv[action->evidence_level] != NULL)
    sam_print_document_add_field (document, sv.evidence, evidence_sv[action->evidence_level]);
  sam_print_document_add_field (document, sv.starts, action->starts_on);
  sam_print_document_add_field (document, sv.due, action->due_on);
  sam_print_document_add_field (document, sv.status, status_sv[action->status]);
}

static void
fill (SamPrintDocument *document,
      const SamCase    *self,
      const SamPlan    *plan)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *subtitle = g_strdup_printf (SV_SUBTITLE, self->number);

  sam_print_document_add_title (document, sv.title);
  sam_print_document_add_paragraph (document, subtitle);
  sam_print_document_add_field (document, sv.printed, today);
  add_goals (document, plan);

  sam_print_document_add_heading (document, sv.actions);
  if (plan->actions->len == 0)
    sam_print_document_add_paragraph (document, sv.no_actions);
  for (guint i = 0; i < plan->actions->len; i++)
    add_action (document, plan, g_ptr_array_index (plan->actions, i));

  sam_print_document_add_heading (document, sv.good_to_know);
  sam_print_document_add_paragraph (document, sv.about_evidence);
}

static void
print_confirmed (gpointer user_data)
{
  SamPrintDocument *document = user_data;
  GtkWindow *parent = g_object_get_data (G_OBJECT (document), "sam-parent");

  sam_print_document_print (document, parent);
}

/**
 * sam_plan_document_new:
 * @session: someone who may open the case
 * @case_id: the case
 * @error: return location for a #GError
 *
 * Reads the case and its plan as @session sees it (policy-checked, VIEW
 * rows) and lays out the family's Swedish plan. Printing or exporting it
 * writes the audit row (object `plan`, reason `plan`).
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
SamPrintDocument *
sam_plan_document_new (SamSession  *session,
                       gint64       case_id,
                       GError     **error)
{
  g_autoptr(SamCase) self = NULL;
  g_autoptr(SamPlan) plan = NULL;
  g_autofree char *job_name = NULL;
  SamPrintDocument *document;

  g_return_val_if_fail (SAM_IS_SESSION (session), NULL);

  if (!(self = sam_case_store_get (session, case_id, error)) ||
      !(plan = sam_plan_store_get (session, case_id, error)))
    return NULL;

  job_name = g_strdup_printf ("Åtagandeplan %s", self->number);
  document = sam_print_document_new (session, job_name);
  sam_print_document_set_audit (document, "plan", case_id, case_id, "plan");
  fill (document, self, plan);

  return document;
}

/**
 * sam_print_plan:
 * @parent: (nullable): the window to print from
 * @session: the signed-in user
 * @case_id: the case
 *
 * Prints the case's plan for the family through the print dialog, after
 * the protected-identity warning when the case needs one. Errors are shown.
 */
void
sam_print_plan (GtkWindow  *parent,
                SamSession *session,
                gint64      case_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SamPrintDocument) document = NULL;

  g_return_if_fail (SAM_IS_SESSION (session));

  if (!(document = sam_plan_document_new (session, case_id, &error)))
    {
      sam_print_show_error (parent, error);
      return;
    }

  if (parent != NULL)
    g_object_set_data_full (G_OBJECT (document), "sam-parent", g_object_ref (parent), g_object_unref);
  sam_export_confirm (parent, session, case_id, print_confirmed, g_steal_pointer (&document),
                      g_object_unref);
}

/**
 * sam_export_plan_pdf:
 * @session: someone who may open the case
 * @case_id: the case
 * @path: the file the user chose
 * @error: return location for a #GError
 *
 * Saves the family's plan as PDF, readable by its owner only, with one
 * EXPORT row (object `plan`, reason `plan`). Asks nothing: the caller
 * shows sam_export_confirm() first. A refused export writes nothing.
 *
 * Returns: %TRUE when saved
 */
gboolean
sam_export_plan_pdf (SamSession  *session,
                     gint64       case_id,
                     const char  *path,
                     GError     **error)
{
  g_autoptr(SamPrintDocument) document = NULL;

  g_return_val_if_fail (SAM_IS_SESSION (session), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return (document = sam_plan_document_new (session, case_id, error)) != NULL &&
         sam_print_document_export_pdf (document, path, error);
}
