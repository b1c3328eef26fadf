"""Figures of the study: one module per figure family, one function per figure target,
each reading only the Datasets it plots (`panels`: shared helpers and styles).

`save_figure` writes them; the workflow calls `figures.<rule>` (workflow/scripts/figure.py).
"""

import matplotlib

matplotlib.use("Agg")  # before pyplot is imported anywhere: figures are files, never windows

from .l18_fig1 import l18_fig1  # noqa: E402
from .l18_fig2 import l18_fig2  # noqa: E402
from .l18_fig3 import l18_fig3  # noqa: E402
from .l18_fig4 import l18_fig4  # noqa: E402
from .p16_fig2 import p16_fig2  # noqa: E402
from .p16_fig4 import p16_fig4  # noqa: E402
from .p16_fig5 import p16_fig5  # noqa: E402
from .panels import save_figure  # noqa: E402
from .parameter_sets import p16_fig6, p16_fig7  # noqa: E402
from .sampling import l18_fig5, p16_fig3  # noqa: E402
from .sampling_fidelity import sampling_fidelity  # noqa: E402

__all__ = ["l18_fig1", "l18_fig2", "l18_fig3", "l18_fig4", "l18_fig5", "p16_fig2", "p16_fig3",
           "p16_fig4", "p16_fig5", "p16_fig6", "p16_fig7", "sampling_fidelity", "save_figure"]
