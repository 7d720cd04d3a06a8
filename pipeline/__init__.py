"""thidua: Vietnamese emulation-and-commendation conference reports to normalized tables."""

__version__ = "0.1.0"
