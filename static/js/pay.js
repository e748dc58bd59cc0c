/* Card payment for a registration, and the "confirming…" page after it.
 *
 * Pay page: Stripe.js collects the card; its payment method id goes to our server, which confirms the
 * PaymentIntent with Stripe. If the bank asks for 3-D Secure, Stripe.js runs it. Then the browser goes
 * to the return page. Nothing here confirms the registration: only Stripe's webhook does that.
 * Return page: asks the server every two seconds until the webhook has landed.
 */
(function () {
  "use strict";

  function setupPayment(form) {
    if (typeof Stripe === "undefined") {
      return;
    }
    var stripe = Stripe(form.dataset.publishableKey);
    var card = stripe.elements().create("card");
    card.mount("#card-element");
    var button = form.querySelector("button[type=submit]");
    var errorBox = document.getElementById("card-errors");
    var progress = document.getElementById("pay-progress");

    function fail(message) {
      errorBox.textContent = message || form.dataset.genericError;
      errorBox.hidden = false;
      progress.textContent = "";
      button.disabled = false;
    }

    // Stripe.js makes a PaymentMethod; localstripe's stand-in (tests) only makes tokens, whose card
    // id Stripe also accepts as a payment method.
    async function paymentMethodId() {
      if (typeof stripe.createPaymentMethod === "function") {
        var made = await stripe.createPaymentMethod({ type: "card", card: card });
        if (made && made.error) {
          throw made.error;
        }
        if (made && made.paymentMethod) {
          return made.paymentMethod.id;
        }
      }
      var tokenised = await stripe.createToken(card);
      if (tokenised.error) {
        throw tokenised.error;
      }
      return tokenised.token.card.id;
    }

    async function pay() {
      var methodId;
      try {
        methodId = await paymentMethodId();
      } catch (error) {
        return fail(error && error.message);
      }
      var response = await fetch(form.dataset.cardUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": form.dataset.csrf },
        body: JSON.stringify({ payment_method: methodId }),
      });
      var answer = await response.json().catch(function () { return {}; });
      if (answer.outcome === "needs_authentication") {
        var authenticated = await stripe.confirmCardPayment(answer.client_secret);
        if (authenticated.error) {
          return fail(authenticated.error.message);
        }
      } else if (answer.outcome !== "processing") {
        return fail(answer.message);
      }
      window.location.assign(form.dataset.returnUrl);
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      button.disabled = true;
      errorBox.hidden = true;
      progress.textContent = form.dataset.workingText;
      pay().catch(function () { fail(); });
    });
  }

  function watchStatus(box) {
    if (box.dataset.state === "confirmed") {
      return;
    }
    var tries = 0;
    function poll() {
      tries += 1;
      fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (status) {
          if (status.confirmed) {
            box.textContent = box.dataset.confirmedText;
            box.dataset.state = "confirmed";
            return;
          }
          if (status.payment === "failed") {
            box.textContent = box.dataset.failedText;
            box.dataset.state = "failed";
            document.getElementById("pay-again").hidden = false;
            return;
          }
          if (tries < 90) {
            window.setTimeout(poll, 2000);
          }
        })
        .catch(function () {
          if (tries < 90) {
            window.setTimeout(poll, 4000);
          }
        });
    }
    window.setTimeout(poll, 1000);
  }

  var form = document.getElementById("payment-form");
  if (form) {
    setupPayment(form);
  }
  var status = document.getElementById("payment-status");
  if (status) {
    watchStatus(status);
  }
})();
