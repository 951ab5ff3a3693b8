"""ipplan: read Chinese policy plans into validated models."""
__version__ = "0.1.0"
