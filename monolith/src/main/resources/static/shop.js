// The storefront talks only to its own origin (the gateway): the gateway's session cookie goes along, and the
// gateway relays the access token to the shop. Text is always set with textContent, never parsed as HTML.
'use strict';

const state = { customer: null };

function cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) {
        td.className = className;
    }
    row.appendChild(td);
    return td;
}

function say(id, text) {
    document.getElementById(id).textContent = text;
}

async function problemText(response) {
    try {
        const body = await response.json();
        return body.detail || body.title || ('HTTP ' + response.status);
    } catch (e) {
        return 'HTTP ' + response.status;
    }
}

// Who is logged in: the shop's OIDC userinfo endpoint answers for the relayed access token, 401 without one.
async function whoAmI() {
    const response = await fetch('/userinfo', { headers: { Accept: 'application/json' } });
    if (!response.ok) {
        return null;
    }
    const user = await response.json();
    return user.email || user.sub || null;
}

async function loadProducts() {
    const response = await fetch('/api/catalog/products?size=20', { headers: { Accept: 'application/json' } });
    const body = document.querySelector('#products tbody');
    body.replaceChildren();
    if (!response.ok) {
        say('products-status', 'Products are not available: ' + await problemText(response));
        return;
    }
    const page = await response.json();
    for (const product of page.items) {
        const row = document.createElement('tr');
        row.dataset.sku = product.sku;
        cell(row, product.sku);
        cell(row, product.name);
        cell(row, product.price + ' ' + product.currency, 'money');
        const action = cell(row, '');
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = 'Order one';
        button.className = 'order';
        button.disabled = !state.customer;
        button.title = state.customer ? '' : 'Log in to order';
        button.addEventListener('click', () => placeOrder(product.sku, product.name));
        action.appendChild(button);
        body.appendChild(row);
    }
    say('products-status', page.total + ' products');
}

async function placeOrder(sku, name) {
    say('order-status', 'Placing your order of ' + name + '…');
    const response = await fetch('/api/orders', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ customer: state.customer, lines: [{ sku: sku, quantity: 1 }] })
    });
    if (response.status !== 201) {
        say('order-status', 'The order was not placed: ' + await problemText(response));
        return;
    }
    const order = await response.json();
    say('order-status', 'Order ' + order.id + ' placed');
    await loadOrders();
}

async function loadOrders() {
    const body = document.querySelector('#orders tbody');
    body.replaceChildren();
    if (!state.customer) {
        say('order-status', 'Log in to see your orders');
        return;
    }
    const response = await fetch('/api/orders?customer=' + encodeURIComponent(state.customer),
        { headers: { Accept: 'application/json' } });
    if (!response.ok) {
        say('order-status', 'Your orders are not available: ' + await problemText(response));
        return;
    }
    const page = await response.json();
    for (const order of page.items) {
        const row = document.createElement('tr');
        row.className = 'order-row';
        row.dataset.orderId = order.id;
        cell(row, order.id);
        cell(row, order.status);
        cell(row, order.lines.map(line => line.quantity + ' × ' + (line.name || line.sku)).join(', '));
        cell(row, order.total + ' ' + order.currency, 'money');
        body.appendChild(row);
    }
    document.getElementById('orders').dataset.loaded = 'true';
}

async function start() {
    state.customer = await whoAmI();
    if (state.customer) {
        say('who', 'Logged in as ' + state.customer);
        document.getElementById('logout').hidden = false;
    } else {
        say('who', 'Not logged in');
        document.getElementById('login').hidden = false;
    }
    await Promise.all([loadProducts(), loadOrders()]);
    document.body.dataset.ready = 'true';
}

start();
