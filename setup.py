"""Build hook: compile data/*.yaml into binance_errors/_tables before packaging.

Runs for `pip install .`, wheels and editable installs (setuptools runs build_py for each).
The generator (tools/generator.py, a build tool outside the package) is loaded by path so the
(maybe stale) package is never imported here.
"""

import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildPyWithTables(build_py):
    def run(self) -> None:
        spec = importlib.util.spec_from_file_location("_be_generator", HERE / "tools" / "generator.py")
        assert spec is not None and spec.loader is not None
        generator = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(generator)
        for name in generator.generate(check=False):
            print(f"binance-errors: regenerated {name} from data/")
        super().run()


setup(cmdclass={"build_py": BuildPyWithTables})
