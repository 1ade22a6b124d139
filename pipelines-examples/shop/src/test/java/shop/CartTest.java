package shop;

import static org.testng.Assert.assertEquals;

import org.testng.SkipException;
import org.testng.annotations.Test;

public class CartTest {
    @Test
    public void totalsPrices() {
        Cart cart = new Cart();
        cart.add(250);
        cart.add(100);
        assertEquals(cart.total(), 350);
    }

    @Test
    public void discountsLargeCarts() {
        Cart cart = new Cart();
        cart.add(20000);
        assertEquals(cart.total(), 17000, "ten percent off above 100.00");
    }

    @Test(expectedExceptions = IllegalArgumentException.class)
    public void refusesNegativePrices() {
        new Cart().add(-1);
    }

    @Test
    public void printsReceipts() {
        throw new SkipException("receipt printer not attached");
    }
}
