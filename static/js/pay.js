/* Card payment for a registration, and the "confirming…" page after it.
 *
 * Pay page: Stripe.js collects the card; its payment method id goes to our server, which confirms the
 * PaymentIntent with Stripe. If the bank asks for 3-D Secure, Stripe.js runs it. Then the browser goes
 * to the return page. Nothing here confirms the registration: only Stripe's webhook does that.
 * Return page: asks the server every two seconds until the webhook has landed.
 */

import { postJson } from "./lib/http.js";

function setupPayment(form) {
  if (typeof Stripe === "undefined") {
    return;
  }
  const stripe = Stripe(form.dataset.publishableKey);
  const card = stripe.elements().create("card");
  card.mount("#card-element");
  const button = form.querySelector("button[type=submit]");
  const errorBox = document.getElementById("card-errors");
  const progress = document.getElementById("pay-progress");

  function fail(message) {
    errorBox.textContent = message || form.dataset.genericError;
    errorBox.hidden = false;
    progress.textContent = "";
    button.disabled = false;
  }

  async function pay() {
    let methodId;
    try {
      methodId = await paymentMethodId(stripe, card);
    } catch (error) {
      return fail(error && error.message);
    }
    const sent = await postJson(
      form.dataset.cardUrl,
      { payment_method: methodId },
      // Error pages stay HTML (not JSON with an untranslated description): a failure shows the generic message.
      { csrfToken: form.dataset.csrf, headers: { Accept: "*/*" } },
    );
    const answer = sent.data || {};
    if (answer.outcome === "needs_authentication") {
      const authenticated = await stripe.confirmCardPayment(answer.client_secret);
      if (authenticated.error) {
        return fail(authenticated.error.message);
      }
    } else if (answer.outcome !== "processing") {
      return fail(answer.message);
    }
    window.location.assign(form.dataset.returnUrl);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    button.disabled = true;
    errorBox.hidden = true;
    progress.textContent = form.dataset.workingText;
    pay().catch(() => fail());
  });
}

// Stripe.js makes a PaymentMethod; localstripe's stand-in (tests) only makes tokens, whose card
// id Stripe also accepts as a payment method.
async function paymentMethodId(stripe, card) {
  if (typeof stripe.createPaymentMethod === "function") {
    const made = await stripe.createPaymentMethod({ type: "card", card: card });
    if (made && made.error) {
      throw made.error;
    }
    if (made && made.paymentMethod) {
      return made.paymentMethod.id;
    }
  }
  const tokenised = await stripe.createToken(card);
  if (tokenised.error) {
    throw tokenised.error;
  }
  return tokenised.token.card.id;
}

function watchStatus(box) {
  if (box.dataset.state === "confirmed") {
    return;
  }
  let tries = 0;
  function poll() {
    tries += 1;
    fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then((response) => response.json())
      .then((status) => {
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
      .catch(() => {
        if (tries < 90) {
          window.setTimeout(poll, 4000);
        }
      });
  }
  window.setTimeout(poll, 1000);
}

const form = document.getElementById("payment-form");
if (form) {
  setupPayment(form);
}
const status = document.getElementById("payment-status");
if (status) {
  watchStatus(status);
}
