"""Prices with a discount: the bug the test finds is here."""


def discounted(price_cents, percent):
    """The price after a discount of `percent`, rounded to the cent."""
    return price_cents - price_cents * percent // 10  # should divide by 100
