import 'reflect-metadata';
import { Controller, Get, Module, Injectable } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { hello } from '@lifecycle/domain';
@Injectable() class Svc { hi() { return hello('x'); } }
@Controller() class C { constructor(private readonly s: Svc) {} @Get('/health') h() { return { ok: this.s.hi() }; } }
@Module({ controllers: [C], providers: [Svc] }) class M {}
const app = await NestFactory.create(M, new FastifyAdapter());
await app.listen(3000, '0.0.0.0');
console.log('listening');
