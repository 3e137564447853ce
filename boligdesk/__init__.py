"""BoligDesk: offline case, budget and repayment-plan tool for Danish housing social workers."""

__version__ = "1.1.0"
APP_NAME = "BoligDesk"
