"""warta: news articles in, structured knowledge out.

>>> from warta import analyze
>>> record = analyze("Jakarta (ANTARA) - Presiden ...")
>>> record.to_dict()["schema"]
'warta/1'
"""
from __future__ import annotations

import logging

from .errors import InputError, WartaError
from .pipeline import analyze, analyze_many
from .record import SCHEMA, Analysis

__version__ = "0.1.0"
__all__ = ["analyze", "analyze_many", "Analysis", "SCHEMA", "InputError", "WartaError", "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
