"""Builds the C extensions; the project is in pyproject.toml.

``newscrawler/pages/_treescan.pyx`` holds the C walks of a parsed page, and
``archive/_simhash.pyx`` the SimHash of a body. The walks read lxml's trees through lxml's
public C API, so they compile against the headers lxml ships (``lxml.get_include()``). Both
are optional: where they cannot be built the same code runs in Python
(``newscrawler/pages/treescan.py``, ``archive/neardup.py``), only slower.
"""

import lxml
from Cython.Build import cythonize
from setuptools import Extension, setup

setup(
    ext_modules=cythonize(
        [
            Extension(
                "newscrawler.pages._treescan",
                ["newscrawler/pages/_treescan.pyx"],
                include_dirs=lxml.get_include(),
                optional=True,
            ),
            Extension("archive._simhash", ["archive/_simhash.pyx"], optional=True),
        ],
        language_level=3,
    )
)
