Feature: Checkout
  Scenario: Small carts pay full price
    Given a cart with an item of 250 cents
    When I check out
    Then I pay 250 cents

  Scenario: Large carts get a discount
    Given a cart with an item of 20000 cents
    When I check out
    Then I pay 19000 cents

  Scenario: Gift wrapping
    Given a cart with an item of 100 cents
    When I ask for gift wrapping
    Then I pay 100 cents
