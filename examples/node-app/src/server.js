import express from 'express';
import pino from 'pino';

const log = pino();
const app = express();
app.get('/healthz', (_req, res) => res.send('ok'));
app.get('/orders/:id', (req, res) => res.json({ id: req.params.id, status: 'shipped' }));
app.listen(Number(process.env.PORT ?? 8080), () => log.info('orders-api listening'));
