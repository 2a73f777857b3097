from textual.screen import Screen
def _compositor_refresh(self):
    app = self.app
    if self is app.screen:
        self._compositor._dirty_regions.clear()
        self._dirty_widgets.clear()
    elif self in app._background_screens and self._compositor._dirty_regions:
        self._compositor._dirty_regions.clear()
        self._dirty_widgets.clear()
    app._update_mouse_over(self)
import os
if os.environ.get("NORENDER"):
    Screen._compositor_refresh = _compositor_refresh
