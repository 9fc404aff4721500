/* validate-icon.c: checks that an icon loads the way GTK loads it
 *
 * GTK finds an icon's format by sniffing its first bytes, so an SVG whose
 * <svg> element starts too late (after a long comment, say) does not load at
 * all, and the app shows a broken image.  This loads the file the same way,
 * by content, and checks its size.
 *
 * Usage: validate-icon FILE WIDTH HEIGHT
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <stdlib.h>

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  int width;
  int height;

  if (argc != 4)
    {
      g_printerr ("Usage: %s FILE WIDTH HEIGHT\n", argv[0]);
      return 2;
    }

  width = atoi (argv[2]);
  height = atoi (argv[3]);

  pixbuf = gdk_pixbuf_new_from_file (argv[1], &error);
  if (pixbuf == NULL)
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return 1;
    }

  if (gdk_pixbuf_get_width (pixbuf) != width || gdk_pixbuf_get_height (pixbuf) != height)
    {
      g_printerr ("%s: is %d×%d, expected %d×%d\n", argv[1],
                  gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf),
                  width, height);
      return 1;
    }

  g_print ("%s: loads, %d×%d\n", argv[1], width, height);
  return 0;
}
