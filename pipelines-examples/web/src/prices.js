function total(prices) {
  const sum = prices.reduce((a, b) => a + b, 0);
  return sum > 10000 ? Math.floor((sum * 9) / 10) : sum;
}

function receipt(prices) {
  return prices.length === 0 ? 'empty' : `${prices.length} items`;
}

module.exports = { total, receipt };
