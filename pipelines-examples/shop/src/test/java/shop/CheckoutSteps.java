package shop;

import static org.testng.Assert.assertEquals;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;

public class CheckoutSteps {
    private final Cart cart = new Cart();
    private int paid;

    @Given("a cart with an item of {int} cents")
    public void aCart(int cents) {
        cart.add(cents);
    }

    @When("I check out")
    public void checkOut() {
        paid = cart.total();
    }

    @Then("I pay {int} cents")
    public void iPay(int cents) {
        assertEquals(paid, cents);
    }
}
