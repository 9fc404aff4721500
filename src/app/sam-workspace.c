/* sam-workspace.c
 *
 * What a signed-in person works in: a sidebar of sections on the left and
 * the chosen section's page on the right, in an AdwLeaflet that folds into
 * one column on a narrow window (the sidebar first; choosing a section goes
 * forward, the back button returns).
 *
 * Which sections a role sees is the table below (issue 4, DESIGN §8). The
 * table only says where a role would look; what a page may show is decided
 * by the core, which refuses the rest. A section is listed only once a page
 * type for it has been added with sam_workspace_add_page_type(): sections
 * built later, or by other parts of the app, are not faked with empty
 * pages.
 *
 * Pages live as long as the session. They are made when a session is set,
 * each told the session through the #SamWorkspacePage interface, and are
 * told %NULL and destroyed when it ends: nothing a page showed survives a
 * lock, not even in a widget that is hidden.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sam-workspace"

#include "config.h"

#include "sam-workspace.h"

#include <glib/gi18n.h>

#include "sam-case-list-page.h"
#include "sam-workspace-page.h"

/* How a section's page is made, once per session. */
typedef struct
{
  GType                    type;
  SamWorkspacePageFactory  factory;
} PageMaker;

struct _SamWorkspace
{
  AdwBin          parent_instance;

  SamSession     *session;
  /* section id (static string) → GType, as added by whoever has the page */
  GHashTable     *page_types;
  /* section id (static string) → page widget, owned by content_stack */
  GHashTable     *pages;
  GtkWidget      *detail;

  /* Template widgets */
  AdwLeaflet     *leaflet;
  AdwClamp       *sidebar_clamp;
  GtkListBox     *sidebar_list;
  GtkStack       *content_stack;
  AdwStatusPage  *empty_page;
  AdwWindowTitle *content_title;
  GtkButton      *back_button;
  AdwAvatar      *avatar;
  GtkLabel       *display_name_label;
  GtkLabel       *role_label;
  GtkLabel       *agency_label;
  GtkLabel       *failed_attempts_label;
  GtkMenuButton  *account_button;
  GtkLabel       *user_name_label;
  GtkLabel       *path_label;
  GtkLabel       *schema_label;
  GtkLabel       *cipher_label;
};

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

enum {
  CASE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE (SamWorkspace, sam_workspace, ADW_TYPE_BIN)

/* The sidebar's width beside the page, as in the template; folded, a
 * width no window reaches. */
#define SIDEBAR_WIDTH        300
#define FOLDED_SIDEBAR_WIDTH 100000

#define ROLE_BIT(role) (1u << (role))
#define FRONT_LINE     (ROLE_BIT (SAM_ROLE_SCHOOL) | ROLE_BIT (SAM_ROLE_LEISURE) | \
                        ROLE_BIT (SAM_ROLE_POLICE))
#define SOCIAL         (ROLE_BIT (SAM_ROLE_SOCIAL) | ROLE_BIT (SAM_ROLE_COORDINATOR))

typedef struct
{
  const char *id;
  const char *title;
  const char *icon_name;
  guint       roles;
} Section;

/* In sidebar order. The case list is one section with a title per role: a
 * front-line user only ever sees the cases they are on. */
static const Section sections[] = {
  { SAM_WORKSPACE_SECTION_CONCERNS_MINE, N_("My Concerns"), "mail-send-symbolic", FRONT_LINE },
  { SAM_WORKSPACE_SECTION_CASES, N_("My Cases"), "folder-documents-symbolic", FRONT_LINE },
  { SAM_WORKSPACE_SECTION_CONCERN_INBOX, N_("Concern Inbox"), "mail-unread-symbolic", SOCIAL },
  { SAM_WORKSPACE_SECTION_CASES, N_("Cases"), "folder-documents-symbolic", SOCIAL },
  { SAM_WORKSPACE_SECTION_MEETINGS, N_("Meetings"), "x-office-calendar-symbolic", SOCIAL },
  { SAM_WORKSPACE_SECTION_DUE, N_("Due"), "task-due-symbolic", SOCIAL },
  { SAM_WORKSPACE_SECTION_SUMMARIES, N_("Summaries"), "x-office-spreadsheet-symbolic",
    ROLE_BIT (SAM_ROLE_MANAGER) },
  { SAM_WORKSPACE_SECTION_USERS, N_("Users"), "system-users-symbolic", ROLE_BIT (SAM_ROLE_ADMIN) },
  { SAM_WORKSPACE_SECTION_AGENCIES, N_("Agencies"), "x-office-address-book-symbolic",
    ROLE_BIT (SAM_ROLE_ADMIN) },
  { SAM_WORKSPACE_SECTION_AUDIT_LOG, N_("Audit Log"), "security-high-symbolic",
    ROLE_BIT (SAM_ROLE_ADMIN) },
};

static const Section *
find_section (SamRole     role,
              const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      if ((sections[i].roles & ROLE_BIT (role)) != 0 && g_str_equal (sections[i].id, id))
        return &sections[i];
    }

  return NULL;
}

/* The table's own copy of @id, which outlives any caller's string. */
static const char *
intern_section_id (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      if (g_str_equal (sections[i].id, id))
        return sections[i].id;
    }

  return NULL;
}

/* AdwAvatar takes the first letters of the first and the last word; keep
 * only words that start with a letter, so that “Maria Ek (demo)” becomes
 * “ME”, not “M(”. */
static char *
dup_avatar_text (const char *display_name)
{
  g_auto(GStrv) words = g_strsplit (display_name, " ", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) kept = NULL;

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (g_unichar_isalpha (g_utf8_get_char (words[i])))
        g_strv_builder_add (builder, words[i]);
    }

  kept = g_strv_builder_end (builder);

  return g_strjoinv (" ", kept);
}

static void
sam_workspace_update_back_button (SamWorkspace *self)
{
  g_assert (SAM_IS_WORKSPACE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->back_button),
                          self->detail != NULL || adw_leaflet_get_folded (self->leaflet));
}

static const char *
sam_workspace_row_section (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "sam-section-id");
}

static GtkWidget *
sam_workspace_create_row (const Section *section)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (section->icon_name);
  GtkWidget *label = gtk_label_new (_(section->title));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, "", -1);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _(section->title),
                                  -1);
  g_object_set_data (G_OBJECT (row), "sam-section-id", (gpointer) section->id);

  return row;
}

static void
on_page_case_activated (SamWorkspace *self,
                        gint64        case_id)
{
  g_assert (SAM_IS_WORKSPACE (self));

  g_signal_emit (self, signals [CASE_ACTIVATED], 0, case_id);
}

static GtkWidget *
page_maker_make (const PageMaker *maker)
{
  if (maker->factory != NULL)
    return maker->factory ();

  return g_object_new (maker->type, NULL);
}

static void
sam_workspace_add_section (SamWorkspace    *self,
                           const Section   *section,
                           const PageMaker *maker)
{
  GtkWidget *page;

  g_assert (SAM_IS_WORKSPACE (self));

  page = page_maker_make (maker);
  g_return_if_fail (SAM_IS_WORKSPACE_PAGE (page));
  gtk_stack_add_titled (self->content_stack, page, section->id, _(section->title));
  g_hash_table_insert (self->pages, (gpointer) section->id, page);
  g_signal_connect_object (page, "case-activated",
                           G_CALLBACK (on_page_case_activated), self,
                           G_CONNECT_SWAPPED);
  sam_workspace_page_set_session (SAM_WORKSPACE_PAGE (page), self->session);
  gtk_list_box_append (self->sidebar_list, sam_workspace_create_row (section));
}

static void
sam_workspace_build_sections (SamWorkspace *self)
{
  SamRole role;
  GtkListBoxRow *first;

  g_assert (SAM_IS_WORKSPACE (self));
  g_assert (SAM_IS_SESSION (self->session));

  role = sam_session_get_role (self->session);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      const PageMaker *maker = g_hash_table_lookup (self->page_types, sections[i].id);

      if ((sections[i].roles & ROLE_BIT (role)) == 0 || maker == NULL)
        continue;

      sam_workspace_add_section (self, &sections[i], maker);
    }

  first = gtk_list_box_get_row_at_index (self->sidebar_list, 0);
  if (first != NULL)
    gtk_list_box_select_row (self->sidebar_list, first);
  else
    gtk_stack_set_visible_child (self->content_stack, GTK_WIDGET (self->empty_page));
}

static void
sam_workspace_drop_detail (SamWorkspace *self)
{
  g_autoptr(GtkWidget) detail = NULL;

  g_assert (SAM_IS_WORKSPACE (self));

  if (self->detail == NULL)
    return;

  detail = g_steal_pointer (&self->detail);
  if (SAM_IS_WORKSPACE_PAGE (detail))
    sam_workspace_page_set_session (SAM_WORKSPACE_PAGE (detail), NULL);
  gtk_stack_remove (self->content_stack, detail);
  sam_workspace_update_back_button (self);
}

/* Every page is told the session is gone, so that it empties its models,
 * and then destroyed with its widgets. */
static void
sam_workspace_drop_sections (SamWorkspace *self)
{
  GHashTableIter iter;
  GtkWidget *row;
  gpointer page;

  g_assert (SAM_IS_WORKSPACE (self));

  sam_workspace_drop_detail (self);
  gtk_stack_set_visible_child (self->content_stack, GTK_WIDGET (self->empty_page));

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &page))
    {
      g_signal_handlers_disconnect_by_data (page, self);
      sam_workspace_page_set_session (SAM_WORKSPACE_PAGE (page), NULL);
      gtk_stack_remove (self->content_stack, page);
      g_hash_table_iter_remove (&iter);
    }

  while ((row = GTK_WIDGET (gtk_list_box_get_row_at_index (self->sidebar_list, 0))) != NULL)
    gtk_list_box_remove (self->sidebar_list, row);

  adw_window_title_set_title (self->content_title, "");
}

static void
sam_workspace_clear_account (SamWorkspace *self)
{
  g_assert (SAM_IS_WORKSPACE (self));

  adw_avatar_set_text (self->avatar, NULL);
  gtk_label_set_text (self->display_name_label, "");
  gtk_label_set_text (self->role_label, "");
  gtk_label_set_text (self->agency_label, "");
  gtk_label_set_text (self->failed_attempts_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->failed_attempts_label), FALSE);
  gtk_label_set_text (self->user_name_label, "");
  gtk_label_set_text (self->path_label, "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->path_label), NULL);
  gtk_label_set_text (self->schema_label, "");
  gtk_label_set_text (self->cipher_label, "");
  gtk_menu_button_popdown (self->account_button);
}

static void
sam_workspace_show_failed_attempts (SamWorkspace *self,
                                    guint         failed_attempts)
{
  g_autofree char *text = NULL;

  g_assert (SAM_IS_WORKSPACE (self));

  if (failed_attempts == 0)
    return;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u failed unlock attempt since your last sign-in",
                                       "%u failed unlock attempts since your last sign-in",
                                       failed_attempts),
                          failed_attempts);
  gtk_label_set_text (self->failed_attempts_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->failed_attempts_label), TRUE);
}

static void
sam_workspace_show_database (SamWorkspace *self,
                             SamDatabase  *database)
{
  g_autofree char *schema = NULL;
  g_autofree char *cipher_version = NULL;
  g_autofree char *cipher = NULL;

  g_assert (SAM_IS_WORKSPACE (self));
  g_assert (SAM_IS_DATABASE (database));

  gtk_label_set_text (self->path_label, sam_database_get_path (database));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->path_label), sam_database_get_path (database));

  schema = g_strdup_printf ("%u", sam_database_get_schema_version (database));
  gtk_label_set_text (self->schema_label, schema);

  cipher_version = sam_database_get_cipher_version (database);
  /* Translators: %s is the version of SQLCipher, e.g. “4.6.1 community” */
  cipher = g_strdup_printf (_("SQLCipher %s"), cipher_version ? cipher_version : "");
  gtk_label_set_text (self->cipher_label, cipher);
}

static void
sam_workspace_show_account (SamWorkspace *self)
{
  g_autofree char *avatar_text = NULL;
  const char *display_name;

  g_assert (SAM_IS_WORKSPACE (self));
  g_assert (SAM_IS_SESSION (self->session));

  display_name = sam_session_get_display_name (self->session);
  if (display_name == NULL || display_name[0] == '\0')
    display_name = sam_session_get_user_name (self->session);

  avatar_text = dup_avatar_text (display_name);
  adw_avatar_set_text (self->avatar, avatar_text);
  gtk_label_set_text (self->display_name_label, display_name);
  gtk_label_set_text (self->role_label, sam_role_get_label (sam_session_get_role (self->session)));
  gtk_label_set_text (self->agency_label, sam_session_get_agency_name (self->session));
  gtk_label_set_text (self->user_name_label, sam_session_get_user_name (self->session));

  sam_workspace_show_failed_attempts (self, sam_session_get_failed_attempts (self->session));
  sam_workspace_show_database (self, sam_session_get_database (self->session));
}

static void
on_sidebar_list_row_selected (SamWorkspace  *self,
                              GtkListBoxRow *row)
{
  const char *id;

  g_assert (SAM_IS_WORKSPACE (self));

  if (row == NULL || self->session == NULL)
    return;

  id = sam_workspace_row_section (row);
  sam_workspace_drop_detail (self);
  gtk_stack_set_visible_child_name (self->content_stack, id);
  adw_window_title_set_title (self->content_title,
                              _(find_section (sam_session_get_role (self->session), id)->title));
}

static void
on_sidebar_list_row_activated (SamWorkspace  *self,
                               GtkListBoxRow *row)
{
  g_assert (SAM_IS_WORKSPACE (self));

  /* Selection already showed the page; on a folded leaflet, go to it. */
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
on_back_button_clicked (SamWorkspace *self)
{
  g_assert (SAM_IS_WORKSPACE (self));

  if (self->detail != NULL)
    {
      GtkListBoxRow *row = gtk_list_box_get_selected_row (self->sidebar_list);

      sam_workspace_drop_detail (self);
      if (row != NULL)
        on_sidebar_list_row_selected (self, row);
      return;
    }

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_leaflet_notify_folded (SamWorkspace *self)
{
  gboolean folded;

  g_assert (SAM_IS_WORKSPACE (self));

  /* Side by side, the sidebar is at most SIDEBAR_WIDTH wide; folded, it
   * is the whole window. */
  folded = adw_leaflet_get_folded (self->leaflet);
  adw_clamp_set_maximum_size (self->sidebar_clamp, folded ? FOLDED_SIDEBAR_WIDTH : SIDEBAR_WIDTH);
  adw_clamp_set_tightening_threshold (self->sidebar_clamp, folded ? FOLDED_SIDEBAR_WIDTH : SIDEBAR_WIDTH);
  sam_workspace_update_back_button (self);
}

static void
sam_workspace_search_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  SamWorkspace *self = SAM_WORKSPACE (widget);
  GtkWidget *page = gtk_stack_get_visible_child (self->content_stack);

  if (!SAM_IS_WORKSPACE_PAGE (page))
    return;

  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  sam_workspace_page_focus_search (SAM_WORKSPACE_PAGE (page));
}

/* Unlocking lands on the chosen section's row, from where the arrow keys,
 * Tab and Ctrl+F reach everything else. */
static gboolean
sam_workspace_grab_focus (GtkWidget *widget)
{
  SamWorkspace *self = SAM_WORKSPACE (widget);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->sidebar_list);

  if (row != NULL && gtk_widget_grab_focus (GTK_WIDGET (row)))
    return TRUE;

  return gtk_widget_child_focus (GTK_WIDGET (self->leaflet), GTK_DIR_TAB_FORWARD);
}

static void
sam_workspace_dispose (GObject *object)
{
  SamWorkspace *self = (SamWorkspace *)object;

  if (self->session != NULL)
    sam_workspace_set_session (self, NULL);

  G_OBJECT_CLASS (sam_workspace_parent_class)->dispose (object);
}

static void
sam_workspace_finalize (GObject *object)
{
  SamWorkspace *self = (SamWorkspace *)object;

  g_clear_pointer (&self->page_types, g_hash_table_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);

  G_OBJECT_CLASS (sam_workspace_parent_class)->finalize (object);
}

static void
sam_workspace_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  SamWorkspace *self = SAM_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_workspace_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  SamWorkspace *self = SAM_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      sam_workspace_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sam_workspace_class_init (SamWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sam_workspace_dispose;
  object_class->finalize = sam_workspace_finalize;
  object_class->get_property = sam_workspace_get_property;
  object_class->set_property = sam_workspace_set_property;

  widget_class->grab_focus = sam_workspace_grab_focus;

  /**
   * SamWorkspace:session:
   *
   * The signed-in session, or %NULL while locked.
   */
  properties [PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         SAM_TYPE_SESSION,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SamWorkspace::case-activated:
   * @self: the workspace
   * @case_id: the case a person chose on one of the pages
   *
   * Emitted when a person activates a case on any page. Opening it, which
   * the core checks and audits, is up to the handler.
   */
  signals [CASE_ACTIVATED] =
    g_signal_new ("case-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/sam-workspace.ui");
  gtk_widget_class_bind_template_child (widget_class, SamWorkspace, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SamWorkspace, sidebar_clamp);
  gtk_widget_class_bind_template_child (widget_class, SamWorkspace, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, SamWorkspace, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SamWorkspace, empty_page);
  gtk_widget_class_bind_template_child (widget_class, SamWorkspace, content_title);
  gtk_widget_class_bind_template_child (widget_class, SamWorkspace, back_button);
  gtk_widget_class_bind_template_child (widget_class, SamWorkspace, avatar);
  gtk_widget_class_bind_template_child (widget_class, SamWorkspace, display_name_label);
  gtk_widget_class_bind_template_child (widget_class, SamWorkspace, role_label);
  gtk_widget_class_bind_template_child (widget_class, SamWorkspace, agency_label);
  gtk_widget_class_bind_template_child (widget_class, SamWorkspace, failed_attempts_label);
  gtk_widget_class_bind_template_child (widget_class, SamWorkspace, account_button);
  gtk_widget_class_bind_template_child (widget_class, SamWorkspace, user_name_label);
  gtk_widget_class_bind_template_child (widget_class, SamWorkspace, path_label);
  gtk_widget_class_bind_template_child (widget_class, SamWorkspace, schema_label);
  gtk_widget_class_bind_template_child (widget_class, SamWorkspace, cipher_label);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_list_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_list_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_back_button_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_notify_folded);

  gtk_widget_class_install_action (widget_class, "workspace.search", NULL,
                                   sam_workspace_search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "workspace.search", NULL);
}

static void
sam_workspace_init (SamWorkspace *self)
{
  self->page_types = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->pages = g_hash_table_new (g_str_hash, g_str_equal);

  gtk_widget_init_template (GTK_WIDGET (self));

  sam_workspace_add_page_type (self, SAM_WORKSPACE_SECTION_CASES, SAM_TYPE_CASE_LIST_PAGE);
  sam_workspace_update_back_button (self);
}

/**
 * sam_workspace_new:
 *
 * Returns: (transfer floating): a new, empty workspace
 */
GtkWidget *
sam_workspace_new (void)
{
  return g_object_new (SAM_TYPE_WORKSPACE, NULL);
}

/**
 * sam_workspace_get_session:
 * @self: a #SamWorkspace
 *
 * Returns: (transfer none) (nullable): the session shown
 */
SamSession *
sam_workspace_get_session (SamWorkspace *self)
{
  g_return_val_if_fail (SAM_IS_WORKSPACE (self), NULL);

  return self->session;
}

/**
 * sam_workspace_set_session:
 * @self: a #SamWorkspace
 * @session: (nullable): the signed-in session, or %NULL to lock
 *
 * Shows the sections @session's role works in, each with a new page, and
 * who is signed in. %NULL, as locking does, tells every page that the
 * session is gone, destroys the pages and empties every label.
 */
void
sam_workspace_set_session (SamWorkspace *self,
                           SamSession   *session)
{
  g_return_if_fail (SAM_IS_WORKSPACE (self));
  g_return_if_fail (!session || SAM_IS_SESSION (session));

  if (self->session == session)
    return;

  sam_workspace_drop_sections (self);
  sam_workspace_clear_account (self);
  g_set_object (&self->session, session);

  if (self->session != NULL)
    {
      sam_workspace_show_account (self);
      sam_workspace_build_sections (self);
      adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SESSION]);
}

static void
sam_workspace_add_page_maker (SamWorkspace *self,
                              const char   *section_id,
                              PageMaker    *maker)
{
  const char *id = intern_section_id (section_id);

  g_assert (SAM_IS_WORKSPACE (self));

  if (id == NULL)
    {
      g_critical ("No workspace section is called “%s”", section_id);
      g_free (maker);
      return;
    }

  g_hash_table_insert (self->page_types, (gpointer) id, maker);

  if (self->session != NULL)
    {
      g_autoptr(SamSession) session = g_object_ref (self->session);

      sam_workspace_set_session (self, NULL);
      sam_workspace_set_session (self, session);
    }
}

/**
 * sam_workspace_add_page_type:
 * @self: a #SamWorkspace
 * @section_id: one of the `SAM_WORKSPACE_SECTION_…` ids
 * @page_type: a #GtkWidget type that implements #SamWorkspacePage
 *
 * Makes @section_id available: from the next session on (or at once, when
 * a session is shown), a role that works in that section sees it in the
 * sidebar, with a new @page_type made for each session. Adding a page for
 * a section that has one replaces it.
 */
void
sam_workspace_add_page_type (SamWorkspace *self,
                             const char   *section_id,
                             GType         page_type)
{
  PageMaker *maker;

  g_return_if_fail (SAM_IS_WORKSPACE (self));
  g_return_if_fail (section_id != NULL);
  g_return_if_fail (g_type_is_a (page_type, GTK_TYPE_WIDGET));
  g_return_if_fail (g_type_is_a (page_type, SAM_TYPE_WORKSPACE_PAGE));

  maker = g_new0 (PageMaker, 1);
  maker->type = page_type;
  sam_workspace_add_page_maker (self, section_id, maker);
}

/**
 * sam_workspace_add_page_factory:
 * @self: a #SamWorkspace
 * @section_id: one of the `SAM_WORKSPACE_SECTION_…` ids
 * @factory: makes a new page, a #GtkWidget that implements #SamWorkspacePage
 *
 * Like sam_workspace_add_page_type(), for a page that needs construct
 * properties, such as one class serving two sections.
 */
void
sam_workspace_add_page_factory (SamWorkspace            *self,
                                const char              *section_id,
                                SamWorkspacePageFactory  factory)
{
  PageMaker *maker;

  g_return_if_fail (SAM_IS_WORKSPACE (self));
  g_return_if_fail (section_id != NULL);
  g_return_if_fail (factory != NULL);

  maker = g_new0 (PageMaker, 1);
  maker->factory = factory;
  sam_workspace_add_page_maker (self, section_id, maker);
}

/**
 * sam_workspace_dup_section_ids:
 * @self: a #SamWorkspace
 *
 * Returns: (transfer full): the ids of the sections in the sidebar, in
 *   order; empty while locked
 */
GStrv
sam_workspace_dup_section_ids (SamWorkspace *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GtkListBoxRow *row;

  g_return_val_if_fail (SAM_IS_WORKSPACE (self), NULL);

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (self->sidebar_list, i)) != NULL; i++)
    g_strv_builder_add (builder, sam_workspace_row_section (row));

  return g_strv_builder_end (builder);
}

/**
 * sam_workspace_get_page:
 * @self: a #SamWorkspace
 * @section_id: a section id
 *
 * Returns: (transfer none) (nullable): the section's page for the current
 *   session, or %NULL when it is not listed
 */
GtkWidget *
sam_workspace_get_page (SamWorkspace *self,
                        const char   *section_id)
{
  g_return_val_if_fail (SAM_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (section_id != NULL, NULL);

  return g_hash_table_lookup (self->pages, section_id);
}

/**
 * sam_workspace_get_section:
 * @self: a #SamWorkspace
 *
 * Returns: (nullable): the id of the selected section
 */
const char *
sam_workspace_get_section (SamWorkspace *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (SAM_IS_WORKSPACE (self), NULL);

  row = gtk_list_box_get_selected_row (self->sidebar_list);

  return row != NULL ? sam_workspace_row_section (row) : NULL;
}

/**
 * sam_workspace_set_section:
 * @self: a #SamWorkspace
 * @section_id: a section id
 *
 * Selects a section, as clicking its row would, and shows its page.
 *
 * Returns: %TRUE if the section is listed
 */
gboolean
sam_workspace_set_section (SamWorkspace *self,
                           const char   *section_id)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (SAM_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (section_id != NULL, FALSE);

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (self->sidebar_list, i)) != NULL; i++)
    {
      if (g_str_equal (sam_workspace_row_section (row), section_id))
        {
          gtk_list_box_select_row (self->sidebar_list, row);
          g_signal_emit_by_name (row, "activate");
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * sam_workspace_show_detail:
 * @self: a #SamWorkspace
 * @page: (transfer floating): a page to show over the current section,
 *   such as a case page
 * @title: the title of the content header while it shows
 *
 * Shows @page in the content area, with a back button that returns to the
 * section. The workspace owns @page from now on. It is destroyed when the
 * person goes back, chooses a section, or the session ends; if it
 * implements #SamWorkspacePage, it is first told %NULL. A detail page
 * shown before is replaced.
 */
void
sam_workspace_show_detail (SamWorkspace *self,
                           GtkWidget    *page,
                           const char   *title)
{
  g_return_if_fail (SAM_IS_WORKSPACE (self));
  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (self->session != NULL);

  sam_workspace_drop_detail (self);

  self->detail = g_object_ref_sink (page);
  gtk_stack_add_named (self->content_stack, page, "detail");
  gtk_stack_set_visible_child (self->content_stack, page);
  adw_window_title_set_title (self->content_title, title != NULL ? title : "");
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  sam_workspace_update_back_button (self);
}

/**
 * sam_workspace_close_detail:
 * @self: a #SamWorkspace
 *
 * Goes back from a detail page to its section, as the back button does.
 */
void
sam_workspace_close_detail (SamWorkspace *self)
{
  g_return_if_fail (SAM_IS_WORKSPACE (self));

  if (self->detail != NULL)
    on_back_button_clicked (self);
}

/**
 * sam_workspace_get_detail:
 * @self: a #SamWorkspace
 *
 * Returns: (transfer none) (nullable): the detail page shown
 */
GtkWidget *
sam_workspace_get_detail (SamWorkspace *self)
{
  g_return_val_if_fail (SAM_IS_WORKSPACE (self), NULL);

  return self->detail;
}
