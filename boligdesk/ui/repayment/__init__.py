"""The repayment screens."""
