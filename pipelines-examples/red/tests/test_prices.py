import sys
import unittest

sys.path.insert(0, ".")
from prices import discounted  # noqa: E402


class DiscountTest(unittest.TestCase):
    def test_ten_percent_off(self):
        self.assertEqual(discounted(1000, 10), 900)

    def test_no_discount(self):
        self.assertEqual(discounted(1000, 0), 1000)


if __name__ == "__main__":
    unittest.main()
