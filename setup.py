"""Builds the C walks of ``newscrawler/pages/_treescan.pyx``; the project is in pyproject.toml.

The extension reads lxml's trees through lxml's public C API, so it compiles against the
headers lxml ships (``lxml.get_include()``). It is optional: where it cannot be built the
same walks run in Python (``newscrawler/pages/treescan.py``), only slower.
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
            )
        ],
        language_level=3,
    )
)
