"""BSCP Desktop: records for a Local Safeguarding Children Partnership."""

__version__ = "0.1.0"
APP_NAME = "BSCP Desktop"
