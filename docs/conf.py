"""Sphinx configuration of the negotiation-games documentation.

Build with ``make docs`` (HTML in ``docs/_build/html``). The test suite builds the
same pages with warnings as errors (``tests/test_docs.py``).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
sys.path.insert(0, str(DOCS / "_ext"))

import negotiation  # noqa: E402

# -- Project -------------------------------------------------------------------------------
project = "negotiation-games"
author = "The negotiation-games team"
copyright = "2025, The negotiation-games team"
version = release = negotiation.__version__

# The one place that knows the public repository: the README's "launch on Binder"
# badge. Until the repository is public its URL holds the placeholder OWNER.
_README = (ROOT / "README.md").read_text(encoding="utf-8")
_BINDER = re.search(r"\((https://mybinder\.org/v2/gh/[^)\s]+)\)", _README)
if _BINDER is None:
    raise RuntimeError("README.md has no 'launch on Binder' badge linking to mybinder.org")
binder_url = _BINDER.group(1)
binder_repository = binder_url.split("/v2/gh/", 1)[1].split("/HEAD", 1)[0]

# -- Extensions ----------------------------------------------------------------------------
extensions = [
    "myst_nb",  # Markdown pages (MyST) and executed notebooks
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",  # numpydoc-style docstrings
    "sphinx.ext.mathjax",
    "negotiation_docs",  # docs/_ext: reference pages, model tables, lessons, references
]

source_suffix = {".rst": "restructuredtext", ".md": "myst-nb", ".ipynb": "myst-nb"}
root_doc = "index"
exclude_patterns = ["_build", "jupyter_execute", "**.ipynb_checkpoints", "README.md"]
templates_path: list[str] = []

# Every cross-reference must resolve. Names from other libraries are not checked:
# intersphinx would need the network, which the build must not depend on.
nitpicky = True
_EXTERNAL = (
    "numpy|np|fractions|sympy|matplotlib|mpl_toolkits|pathlib|os|collections|typing|"
    "typing_extensions|types|argparse|ipywidgets|traitlets|networkx|nashpy|scipy|datetime|"
    "decimal|enum|dataclasses|io|json|tomllib|importlib|abc|numbers|builtins|re|IPython|"
    "subprocess"
)
nitpick_ignore_regex = [
    ("py:.*", rf"({_EXTERNAL})(\..*)?"),
    # Plain-English types in numpydoc "Parameters" sections ("array-like", "number").
    ("py:.*", r"array[-_ ]like|number|numbers|callable|sequence|mapping|iterable|optional"),
    # Names of external types as written in docstrings and signatures.
    ("py:.*", r"Fraction|Figure|Axes|Artist|ndarray|Path|Expr|Symbol|Relational|Rational"),
    ("py:.*", r"NDArray|ArrayLike|Number|Real|Basic|Namespace|ArgumentParser"),
    # matplotlib artists and ipywidgets controls named without their module
    (
        "py:.*",
        r"Line2D|Rectangle|Polygon|Patch|Circle|Ellipse|FancyArrowPatch|Annotation|Text|Legend|"
        r"(Line|Poly|Path|Patch|Quad)Collection|Collection|QuadMesh|AxesImage|Colorbar|Cursor|"
        r"Widget|DOMWidget|ValueWidget|Box|VBox|HBox|GridBox|Output|HTML|HTMLMath|Label|Layout|"
        r"(Float|Int)(Range)?Slider|(Float|Int)?Text|BoundedFloatText|Dropdown|Button|"
        r"ToggleButtons|Checkbox|Tab|Accordion|SelectionSlider",
    ),
    # Prose in docstring type fields ("tuple of sympy relationals", '{"accept", "reject"}'):
    # napoleon turns it into cross-references that cannot and need not resolve.
    ("py:.*", r".*[\s\"'{}\[\]].*"),
]
# Modules that docstrings already mention but that are still being written: shown as
# code until they exist (then they resolve like any other module; remove them here).
negotiation_pending_modules: list[str] = []

# -- MyST and MyST-NB ------------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist", "dollarmath", "substitution", "fieldlist"]
myst_heading_anchors = 3
myst_substitutions = {
    "binder_badge": f"[![Launch on Binder](https://mybinder.org/badge_logo.svg)]({binder_url})",
    "binder_url": binder_url,
    "version": version,
}

# Notebooks (the lessons, copied from ../lessons by negotiation_docs) are executed on
# every build, in a fresh kernel, and a failing cell fails the build.
nb_execution_mode = "force"
nb_execution_timeout = 180
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True
negotiation_lessons_dir = "../lessons"

# -- autodoc -------------------------------------------------------------------------------
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_preserve_defaults = True
autoclass_content = "class"
napoleon_google_docstring = False
napoleon_numpy_docstring = True
napoleon_use_param = False
napoleon_use_rtype = False
napoleon_use_ivar = False  # "Attributes" become attribute entries that :attr: can link to
python_display_short_literal_types = True

# -- HTML ----------------------------------------------------------------------------------
# Furo (pinned in the ``docs`` extra). Without it, Sphinx's bundled theme, so that the
# pages and their checks still build in an environment that predates the pin.
try:
    import furo  # noqa: F401
except ImportError:  # pragma: no cover - depends on the environment
    html_theme = "alabaster"
    html_theme_options: dict[str, object] = {}
else:
    html_theme = "furo"
    html_theme_options = {
        "source_repository": f"https://github.com/{binder_repository}/",
        "source_branch": "main",
        "source_directory": "docs/",
    }
html_title = f"negotiation-games {version}"
html_static_path = ["_static"]
html_css_files = ["negotiation.css"]
html_context = {"binder_url": binder_url}
