"""The workforce app's pages: ESR imports (esr) and the figures ESR does not hold (figures)."""
