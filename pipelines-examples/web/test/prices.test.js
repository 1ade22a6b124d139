const { total, receipt } = require('../src/prices');

test('totals prices', () => {
  expect(total([250, 100])).toBe(350);
});

test('discounts large carts', () => {
  expect(total([20000])).toBe(18000);
});

test('prints receipts', () => {
  expect(receipt([1, 2])).toBe('2 items');
});
