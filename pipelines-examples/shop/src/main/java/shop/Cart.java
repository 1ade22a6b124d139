package shop;

import java.util.ArrayList;
import java.util.List;

public class Cart {
    private final List<Integer> prices = new ArrayList<>();

    public void add(int cents) {
        if (cents < 0) {
            throw new IllegalArgumentException("negative price");
        }
        prices.add(cents);
    }

    public int total() {
        int sum = 0;
        for (int p : prices) {
            sum += p;
        }
        return sum > 10000 ? sum * 9 / 10 : sum;
    }

    public String receipt() {
        return prices.isEmpty() ? "empty" : prices.size() + " items";
    }
}
