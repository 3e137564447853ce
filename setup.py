"""Packaging: only what pyproject.toml cannot say (decisions §1).

The resources live in ``resources/`` at the top of the repository. A wheel carries them as package data
of ``boligdesk.resources.data`` (``boligdesk/resources/data/...`` once installed), where
``boligdesk.resources.resource_dir()`` finds them. pyproject.toml cannot add a package from another
folder to the packages it finds, so the package list is made here.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["boligdesk", "boligdesk.*"]), "boligdesk.resources.data"],
    package_dir={"boligdesk.resources.data": "resources"},
    package_data={
        "boligdesk": [
            "py.typed",
            "models/migrations/*.py",
            "models/migrations/*.ini",
            "models/migrations/*.mako",
            "models/migrations/versions/*.py",
        ],
        "boligdesk.resources.data": ["**/*"],
    },
    exclude_package_data={"boligdesk.resources.data": ["**/__pycache__/*", "**/*.pyc"]},
)
